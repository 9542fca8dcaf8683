package dev.ws.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the form {@code --name value} or {@code --flag}, after a leading command word. Unknown
 * options are an error, reported by {@link #checkAllUsed()}, so that a typo never silently changes a benchmark.
 */
final class Options {

    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> used = new ArrayList<>();

    private Options(String command) {
        this.command = command;
    }

    /**
     * Parses {@code COMMAND [--name value | --flag]...}.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException on a missing command or a stray word
     */
    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("missing command");
        }
        Options options = new Options(args[0]);
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.values.put(name, args[++i]);
            } else {
                options.values.put(name, "true");
            }
        }
        return options;
    }

    String command() {
        return command;
    }

    String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = string(name, null);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required for " + command);
        }
        return value;
    }

    int integer(String name, int fallback) {
        String value = string(name, null);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    long longValue(String name, long fallback) {
        String value = string(name, null);
        return value == null ? fallback : Long.parseLong(value.replace("_", ""));
    }

    double decimal(String name, double fallback) {
        String value = string(name, null);
        return value == null ? fallback : Double.parseDouble(value);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(string(name, "false"));
    }

    List<Integer> integers(String name, List<Integer> fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",")) {
            out.add(Integer.parseInt(part.trim().replace("_", "")));
        }
        return out;
    }

    /** Throws if an option was given that no code asked for. */
    void checkAllUsed() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " for " + command);
            }
        }
    }
}
