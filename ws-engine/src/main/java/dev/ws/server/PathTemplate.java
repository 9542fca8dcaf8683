package dev.ws.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route path such as {@code /chat/{room}}: literal segments and whole-segment variables.
 * Matching is exact per segment (no wildcards), so a path matches at most one variable layout.
 * Immutable and thread-safe.
 */
public final class PathTemplate {

    private final String template;
    private final String[] segments;   // literal text, or null for a variable
    private final String[] variables;  // variable names, by segment index (null for literals)
    private final int literalCount;

    private PathTemplate(String template) {
        if (template.isEmpty() || template.charAt(0) != '/') {
            throw new IllegalArgumentException("path template must start with '/': " + template);
        }
        this.template = template;
        String[] parts = template.substring(1).split("/", -1);
        segments = new String[parts.length];
        variables = new String[parts.length];
        int literals = 0;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("{") && p.endsWith("}") && p.length() > 2) {
                String name = p.substring(1, p.length() - 1);
                if (seen.contains(name)) {
                    throw new IllegalArgumentException("variable {" + name + "} appears twice in " + template);
                }
                seen.add(name);
                variables[i] = name;
            } else if (p.contains("{") || p.contains("}")) {
                throw new IllegalArgumentException("a variable must fill a whole segment: " + template);
            } else {
                segments[i] = p;
                literals++;
            }
        }
        literalCount = literals;
    }

    public static PathTemplate parse(String template) {
        return new PathTemplate(template);
    }

    /** The template as written. */
    public String template() {
        return template;
    }

    /** The variable names in order. */
    public List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (String v : variables) {
            if (v != null) {
                names.add(v);
            }
        }
        return names;
    }

    /** Whether the template has no variables. */
    public boolean isLiteral() {
        return literalCount == segments.length;
    }

    /**
     * Matches a request path (without query).
     *
     * @return the variables' values (empty map for a literal template), or null when it does not match
     */
    public Map<String, String> match(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        int start = 1;
        Map<String, String> values = null;
        for (int i = 0; i < segments.length; i++) {
            int end = path.indexOf('/', start);
            boolean lastSegment = i == segments.length - 1;
            if (end < 0) {
                if (!lastSegment) {
                    return null;
                }
                end = path.length();
            } else if (lastSegment) {
                return null;
            }
            if (segments[i] != null) {
                if (end - start != segments[i].length() || !path.startsWith(segments[i], start)) {
                    return null;
                }
            } else {
                if (end == start) {
                    return null; // a variable never matches an empty segment
                }
                if (values == null) {
                    values = new LinkedHashMap<>(4);
                }
                values.put(variables[i], decode(path.substring(start, end)));
            }
            start = end + 1;
        }
        return values == null ? Collections.emptyMap() : Collections.unmodifiableMap(values);
    }

    /** More literal segments wins, so {@code /chat/lobby} beats {@code /chat/{room}}. */
    int specificity() {
        return literalCount * 1000 + segments.length;
    }

    private static String decode(String segment) {
        return segment.indexOf('%') < 0 ? segment
                : java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return template;
    }
}
