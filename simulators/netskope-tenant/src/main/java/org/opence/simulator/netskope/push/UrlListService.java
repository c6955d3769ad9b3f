package org.opence.simulator.netskope.push;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.api.ApiException;

/**
 * URL lists: every change is pending until {@code deploy}, which applies all pending changes of the
 * tenant at once. A list holds at most 7 MB of URLs (counted as the UTF-8 bytes of its JSON array).
 */
@ApplicationScoped
public class UrlListService {

    static final long MAX_LIST_BYTES = 7L * 1024 * 1024;

    private final Map<Integer, UrlList> lists = new TreeMap<>();
    private int nextId = 1;

    public synchronized List<Map<String, Object>> all() {
        return lists.values().stream().map(UrlList::view).toList();
    }

    public synchronized Map<String, Object> create(String name, List<String> urls, String type) {
        if (name == null || name.isBlank()) {
            throw ApiException.v2(400, "name is required");
        }
        if (lists.values().stream().anyMatch(l -> l.name.equals(name))) {
            throw ApiException.v2(409, "A URL list named '" + name + "' already exists");
        }
        UrlList list = new UrlList(nextId++, name);
        list.pendingUrls = checked(urls, type);
        list.pendingType = type(type);
        lists.put(list.id, list);
        return list.view();
    }

    public synchronized Map<String, Object> append(int id, List<String> urls, String type) {
        UrlList list = find(id);
        List<String> merged = new ArrayList<>(list.pendingUrls);
        checked(urls, type).stream().filter(u -> !merged.contains(u)).forEach(merged::add);
        list.pendingUrls = checked(merged, type);
        list.pendingType = type(type);
        return list.view();
    }

    public synchronized Map<String, Object> replace(int id, List<String> urls, String type) {
        UrlList list = find(id);
        list.pendingUrls = checked(urls, type);
        list.pendingType = type(type);
        return list.view();
    }

    /** Applies every pending change; answers the lists as now deployed. */
    public synchronized List<Map<String, Object>> deploy() {
        lists.values().forEach(l -> {
            l.deployedUrls = l.pendingUrls;
            l.deployedType = l.pendingType;
        });
        return all();
    }

    public synchronized boolean hasPending() {
        return lists.values().stream().anyMatch(UrlList::pending);
    }

    /** For the inspection API: deployed and pending content of each list. */
    public synchronized List<Map<String, Object>> inspect() {
        return lists.values().stream()
                .map(l -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", l.id);
                    m.put("name", l.name);
                    m.put(
                            "deployed",
                            l.deployedUrls == null ? null : Map.of("type", l.deployedType, "urls", l.deployedUrls));
                    m.put("pending", l.pending() ? Map.of("type", l.pendingType, "urls", l.pendingUrls) : null);
                    return m;
                })
                .toList();
    }

    public synchronized void clear() {
        lists.clear();
        nextId = 1;
    }

    private UrlList find(int id) {
        UrlList list = lists.get(id);
        if (list == null) {
            throw ApiException.v2(404, "URL list " + id + " does not exist");
        }
        return list;
    }

    private static String type(String type) {
        return type == null ? "exact" : type;
    }

    private static List<String> checked(List<String> urls, String type) {
        if (urls == null) {
            throw ApiException.v2(400, "data.urls is required");
        }
        if (!"exact".equals(type(type)) && !"regex".equals(type)) {
            throw ApiException.v2(400, "data.type must be exact or regex");
        }
        long bytes = 2;
        for (String url : urls) {
            bytes += url.getBytes(StandardCharsets.UTF_8).length + 3;
        }
        if (bytes > MAX_LIST_BYTES) {
            throw ApiException.v2(
                    400, "URL list too large: " + bytes + " bytes, the limit is " + MAX_LIST_BYTES + " bytes (7 MB)");
        }
        return List.copyOf(urls);
    }

    private static final class UrlList {
        final int id;
        final String name;
        List<String> pendingUrls = List.of();
        String pendingType = "exact";
        List<String> deployedUrls;
        String deployedType;
        long modified = System.currentTimeMillis() / 1000;

        UrlList(int id, String name) {
            this.id = id;
            this.name = name;
        }

        boolean pending() {
            return !pendingUrls.equals(deployedUrls) || !pendingType.equals(deployedType);
        }

        Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("data", Map.of("urls", pendingUrls, "type", pendingType));
            m.put("pending", pending() ? 1 : 0);
            m.put("modify_by", "API");
            m.put("modify_time", modified);
            m.put("modify_type", deployedUrls == null ? "Created" : "Edited");
            return m;
        }
    }
}
