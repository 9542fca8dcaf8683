package dev.ws.server;

import java.util.List;
import java.util.Map;

/**
 * An endpoint: a path template, its handler, and the subprotocols it speaks (in preference order;
 * empty when it negotiates none).
 */
public record Route(PathTemplate path, WebSocketHandler handler, List<String> subprotocols) {

    public Route {
        subprotocols = List.copyOf(subprotocols);
    }

    /** The route matching a path among several, the most specific first; null when none does. */
    static Match find(List<Route> routes, String path) {
        Match best = null;
        for (Route r : routes) {
            Map<String, String> params = r.path.match(path);
            if (params != null && (best == null || r.path.specificity() > best.route.path.specificity())) {
                best = new Match(r, params);
            }
        }
        return best;
    }

    /** A route that matched a request path, with the values of its variables. */
    record Match(Route route, Map<String, String> params) {
    }
}
