package org.opence.simulator.netskope.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.api.ApiException;

/** A minimal SCIM 2.0 store: users, groups, and group membership changed with PATCH operations. */
@ApplicationScoped
public class ScimService {

    private static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final Pattern EQ_FILTER = Pattern.compile("(\\w+)\\s+eq\\s+\"([^\"]*)\"");

    private final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new LinkedHashMap<>();

    public synchronized Map<String, Object> createUser(Map<String, Object> body) {
        Object userName = body.get("userName");
        if (!(userName instanceof String name) || name.isBlank()) {
            throw ApiException.v2(400, "userName is required");
        }
        if (users.values().stream().anyMatch(u -> name.equals(u.get("userName")))) {
            throw ApiException.v2(409, "User " + name + " already exists");
        }
        Map<String, Object> user = new LinkedHashMap<>(body);
        user.put("id", UUID.randomUUID().toString());
        user.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"));
        users.put((String) user.get("id"), user);
        return user;
    }

    public synchronized Map<String, Object> createGroup(Map<String, Object> body) {
        Object displayName = body.get("displayName");
        if (!(displayName instanceof String name) || name.isBlank()) {
            throw ApiException.v2(400, "displayName is required");
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("id", UUID.randomUUID().toString());
        group.put("displayName", name);
        group.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"));
        groups.put((String) group.get("id"), group);
        members.put((String) group.get("id"), new LinkedHashSet<>());
        return withMembers(group);
    }

    public synchronized Map<String, Object> listUsers(String filter) {
        return listResponse(filter(users.values(), filter));
    }

    public synchronized Map<String, Object> listGroups(String filter) {
        return listResponse(
                filter(groups.values(), filter).stream().map(this::withMembers).toList());
    }

    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> patchGroup(String id, Map<String, Object> body) {
        if (!groups.containsKey(id)) {
            throw ApiException.v2(404, "Group " + id + " does not exist");
        }
        Object ops = body.get("Operations");
        if (!(ops instanceof List<?> operations) || operations.isEmpty()) {
            throw ApiException.v2(400, "Operations is required");
        }
        for (Object o : operations) {
            Map<String, Object> op = (Map<String, Object>) o;
            String kind = String.valueOf(op.get("op")).toLowerCase();
            if (!"members".equals(op.get("path")) || !(op.get("value") instanceof List<?> values)) {
                throw ApiException.v2(400, "only add/remove on path members is supported");
            }
            for (Object v : values) {
                String userId = String.valueOf(((Map<String, Object>) v).get("value"));
                if (!users.containsKey(userId)) {
                    throw ApiException.v2(400, "User " + userId + " does not exist");
                }
                switch (kind) {
                    case "add" -> members.get(id).add(userId);
                    case "remove" -> members.get(id).remove(userId);
                    default -> throw ApiException.v2(400, "op must be add or remove");
                }
            }
        }
        return withMembers(groups.get(id));
    }

    public synchronized Map<String, Object> inspect() {
        return Map.of(
                "users", List.copyOf(users.values()),
                "groups", groups.values().stream().map(this::withMembers).toList());
    }

    public synchronized void clear() {
        users.clear();
        groups.clear();
        members.clear();
    }

    private Map<String, Object> withMembers(Map<String, Object> group) {
        Map<String, Object> view = new LinkedHashMap<>(group);
        List<Map<String, Object>> list = new ArrayList<>();
        members.getOrDefault((String) group.get("id"), Set.of())
                .forEach(
                        u -> list.add(Map.of("value", u, "display", users.get(u).get("userName"))));
        view.put("members", list);
        return view;
    }

    private static List<Map<String, Object>> filter(Iterable<Map<String, Object>> items, String filter) {
        List<Map<String, Object>> out = new ArrayList<>();
        Matcher m = filter == null ? null : EQ_FILTER.matcher(filter);
        if (m != null && !m.matches()) {
            throw ApiException.v2(400, "only filters of the form attribute eq \"value\" are supported");
        }
        for (Map<String, Object> item : items) {
            if (m == null || m.group(2).equals(String.valueOf(item.get(m.group(1))))) {
                out.add(item);
            }
        }
        return out;
    }

    private static Map<String, Object> listResponse(List<Map<String, Object>> resources) {
        return Map.of("schemas", List.of(LIST), "totalResults", resources.size(), "Resources", resources);
    }
}
