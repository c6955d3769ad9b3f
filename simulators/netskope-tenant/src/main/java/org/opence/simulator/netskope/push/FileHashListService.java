package org.opence.simulator.netskope.push;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.api.ApiException;
import org.opence.simulator.netskope.auth.V1Errors;

/**
 * File-hash lists ({@code POST /api/v1/updateFileHashList}): each call replaces the whole list, at most
 * 8 MB, and is refused while the tenant has a change that is not deployed yet (the replace itself stays
 * pending until the next deploy).
 */
@ApplicationScoped
public class FileHashListService {

    static final long MAX_LIST_BYTES = 8L * 1024 * 1024;
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{32}|[0-9a-fA-F]{64}");

    private final UrlListService urlLists;
    private final Map<String, List<String>> deployed = new LinkedHashMap<>();
    private final Map<String, List<String>> pending = new LinkedHashMap<>();

    public FileHashListService(UrlListService urlLists) {
        this.urlLists = urlLists;
    }

    public synchronized Map<String, Object> replace(String name, String list) {
        if (name == null || name.isBlank() || list == null) {
            throw error(400, "name and list are required");
        }
        if (list.getBytes(StandardCharsets.UTF_8).length > MAX_LIST_BYTES) {
            throw error(400, "File hash list too large: the limit is 8 MB");
        }
        if (!pending.isEmpty() || urlLists.hasPending()) {
            throw error(409, "There are pending changes: deploy them before updating a file hash list");
        }
        List<String> hashes = Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        List<String> invalid =
                hashes.stream().filter(h -> !HASH.matcher(h).matches()).limit(5).toList();
        if (!invalid.isEmpty()) {
            throw error(400, "Not md5 or sha256: " + invalid);
        }
        pending.put(name, hashes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("msg", "File hash list '" + name + "' updated with " + hashes.size() + " hashes; deploy to apply");
        return body;
    }

    public synchronized void deploy() {
        deployed.putAll(pending);
        pending.clear();
    }

    public synchronized Map<String, Object> inspect() {
        return Map.of("deployed", Map.copyOf(deployed), "pending", Map.copyOf(pending));
    }

    public synchronized void clear() {
        deployed.clear();
        pending.clear();
    }

    private static ApiException error(int status, String message) {
        return new ApiException(status, V1Errors.body("General Error", message), Map.of());
    }
}
