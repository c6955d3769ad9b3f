package org.opence.simulator.netskope.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.api.ApiException;

/**
 * User Confidence Index: every user starts at 1000 (most trusted); an impact lowers the score by its
 * amount (never below 0); a reset brings the user back to 1000. The history of scores is kept.
 */
@ApplicationScoped
public class UciService {

    static final int MAX_SCORE = 1000;

    private final Map<String, List<Map<String, Object>>> history = new LinkedHashMap<>();
    private final List<Map<String, Object>> impacts = new ArrayList<>();

    public synchronized Map<String, Object> get(List<String> users, long fromTime, int capPerUser) {
        if (users == null || users.isEmpty()) {
            throw ApiException.v2(400, "users is required");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String user : users) {
            List<Map<String, Object>> scores = history.getOrDefault(user, List.of()).stream()
                    .filter(s -> (Long) s.get("timestamp") >= fromTime)
                    .toList();
            if (scores.isEmpty()) {
                scores = List.of(score(MAX_SCORE, System.currentTimeMillis()));
            }
            int cap = capPerUser < 1 ? scores.size() : Math.min(capPerUser, scores.size());
            out.add(Map.of("userId", user, "confidences", scores.subList(scores.size() - cap, scores.size())));
        }
        return Map.of("usersUci", out);
    }

    public synchronized Map<String, Object> impact(Map<String, Object> request) {
        Object user = request.get("user");
        Object score = request.get("score");
        if (!(user instanceof String u) || u.isBlank() || !(score instanceof Number s)) {
            throw ApiException.v2(400, "user and score are required");
        }
        if (s.intValue() < 1 || s.intValue() > MAX_SCORE) {
            throw ApiException.v2(400, "score must be within 1..1000");
        }
        long timestamp = request.get("timestamp") instanceof Number t ? t.longValue() : System.currentTimeMillis();
        int next = Math.max(0, current(u) - s.intValue());
        history.computeIfAbsent(u, k -> new ArrayList<>()).add(score(next, timestamp));
        impacts.add(new LinkedHashMap<>(request));
        return Map.of("status", "success", "user", u, "confidenceScore", next);
    }

    public synchronized Map<String, Object> reset(List<String> users) {
        if (users == null || users.isEmpty()) {
            throw ApiException.v2(400, "users is required");
        }
        users.forEach(u ->
                history.computeIfAbsent(u, k -> new ArrayList<>()).add(score(MAX_SCORE, System.currentTimeMillis())));
        return Map.of("status", "success", "users", users);
    }

    public synchronized Map<String, Object> inspect() {
        Map<String, Object> scores = new LinkedHashMap<>();
        history.forEach((u, h) -> scores.put(u, h.get(h.size() - 1).get("confidenceScore")));
        return Map.of("scores", scores, "impacts", List.copyOf(impacts));
    }

    public synchronized void clear() {
        history.clear();
        impacts.clear();
    }

    private int current(String user) {
        List<Map<String, Object>> h = history.get(user);
        return h == null || h.isEmpty()
                ? MAX_SCORE
                : (Integer) h.get(h.size() - 1).get("confidenceScore");
    }

    private static Map<String, Object> score(int value, long timestamp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("confidenceScore", value);
        m.put("timestamp", timestamp);
        return m;
    }
}
