package dev.ws.handler;

import dev.ws.CloseCodes;
import dev.ws.CloseStatus;
import dev.ws.WebSocketException;
import dev.ws.server.PreparedMessage;
import dev.ws.server.WebSocketHandler;
import dev.ws.server.WebSocketServer;
import dev.ws.server.WebSocketSession;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@link WsHandler} bean as an engine {@link WebSocketHandler}: it reads the bean's callback
 * methods once ({@link #create}), then dispatches each session event to them through prebuilt
 * method handles and sends their return values as replies.
 *
 * <p>Calls follow the engine's grammar ({@code onOpen (message)* onClose}), on the thread the
 * engine's {@link dev.ws.server.DispatchMode} picks, one at a time per session. Sessions are
 * added to the {@link WsSessionRegistry} before {@link OnOpen} runs and removed after
 * {@link OnClose}.
 *
 * <p>Failures: an exception from a callback goes to the best matching {@link OnError} method; if
 * none matches it is rethrown to the engine, which logs it once and closes the session with 1011.
 * Two kinds are the peer's doing and end the session with their own code and a debug line instead:
 * a {@link DecodeException} (1007) and a {@link WebSocketException} a handler throws on purpose
 * (its code, e.g. 1008). A message of a kind the endpoint has no method for is closed with 1003.
 */
public final class AnnotatedEndpoint implements WebSocketHandler {

    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoint.class.getName());

    private final EndpointModel model;
    private final Object bean;
    private final String path;
    private final MessageCodec codec;
    private final WsSessionRegistry registry;
    private final MethodInvoker onOpen;
    private final MethodInvoker onText;
    private final MethodInvoker onBinary;
    private final MethodInvoker onClose;
    private final EndpointModel.ErrorHandler[] onError;

    private AnnotatedEndpoint(EndpointModel model) {
        this.model = model;
        this.bean = model.bean;
        this.path = model.path.template();
        this.codec = model.codec;
        this.registry = model.registry;
        this.onOpen = model.onOpen;
        this.onText = model.onText;
        this.onBinary = model.onBinary;
        this.onClose = model.onClose;
        this.onError = model.onError.toArray(EndpointModel.ErrorHandler[]::new);
    }

    /**
     * Reads a {@link WsHandler} bean.
     *
     * @param bean     the handler instance (one for every session: it must be thread-safe)
     * @param codec    decodes and encodes message objects; null when the endpoint takes and returns
     *                 only strings and bytes
     * @param registry where sessions are registered for broadcast; null for none
     * @throws HandlerDefinitionException naming the method, when a callback's signature is wrong
     */
    public static AnnotatedEndpoint create(Object bean, MessageCodec codec, WsSessionRegistry registry) {
        return create(bean, bean.getClass(), codec, registry);
    }

    /**
     * Like {@link #create(Object, MessageCodec, WsSessionRegistry)}, reading the annotations of
     * {@code type}, a superclass of the bean's class: for beans wrapped by a subclassing proxy.
     */
    public static AnnotatedEndpoint create(Object bean, Class<?> type, MessageCodec codec, WsSessionRegistry registry) {
        return new AnnotatedEndpoint(EndpointModel.read(bean, type, codec, registry));
    }

    /** Adds this endpoint to a server being built, at its path with its subprotocols. */
    public WebSocketServer.Builder addTo(WebSocketServer.Builder builder) {
        return builder.route(path, this, model.subprotocols);
    }

    /** The path template from {@link WsHandler#value()}. */
    public String path() {
        return path;
    }

    /** The subprotocols from {@link WsHandler#subprotocols()}. */
    public List<String> subprotocols() {
        return model.subprotocols;
    }

    /** The handler instance. */
    public Object bean() {
        return bean;
    }

    /** The class whose annotations were read. */
    public Class<?> beanType() {
        return model.type;
    }

    // ------------------------------------------------------------------ engine callbacks

    @Override
    public void onOpen(WebSocketSession session) throws Exception {
        if (registry != null) {
            registry.register(session);
        }
        if (onOpen != null) {
            dispatch(session, onOpen, new Call(session, null, null, null));
        }
    }

    @Override
    public void onText(WebSocketSession session, String text) throws Exception {
        if (onText == null) {
            refuse(session, "text");
            return;
        }
        dispatch(session, onText, new Call(session, text, null, null));
    }

    @Override
    public void onBinary(WebSocketSession session, ByteBuffer data) throws Exception {
        if (onBinary == null) {
            refuse(session, "binary");
            return;
        }
        dispatch(session, onBinary, new Call(session, data, null, null));
    }

    @Override
    public void onClose(WebSocketSession session, CloseStatus status) {
        try {
            if (onClose != null) {
                try {
                    onClose.invoke(new Call(session, null, status, null));
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException(onClose + " failed", t);
                }
            }
        } finally {
            if (registry != null) {
                registry.unregister(session);
            }
        }
    }

    /** The engine reports a failure this endpoint rethrew; {@link OnError} methods were already asked. */
    @Override
    public void onError(WebSocketSession session, Throwable error) {
    }

    // ------------------------------------------------------------------ dispatch

    private void dispatch(WebSocketSession session, MethodInvoker method, Call call) throws Exception {
        Object reply;
        try {
            reply = method.invoke(call);
        } catch (Throwable t) {
            failed(session, t);
            return;
        }
        reply(session, reply);
    }

    /** Routes a callback's failure: an {@link OnError} method, the failure's own close code, or the engine. */
    private void failed(WebSocketSession session, Throwable t) throws Exception {
        MethodInvoker handler = errorHandler(t);
        if (handler != null) {
            Object reply;
            try {
                reply = handler.invoke(new Call(session, null, null, t));
            } catch (Throwable again) {
                if (again != t) {
                    again.addSuppressed(t);
                }
                throw rethrow(again);
            }
            reply(session, reply);
            return;
        }
        if (t instanceof DecodeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "session " + session.id() + " of " + path + ": " + e.getMessage()
                    + "; closing with 1007");
            session.close(CloseCodes.INVALID_PAYLOAD, "cannot decode message");
            return;
        }
        if (t instanceof WebSocketException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "session " + session.id() + " of " + path + " closed by "
                    + "its handler with " + e.closeCode() + ": " + e.getMessage());
            session.close(e.closeStatus());
            return;
        }
        throw rethrow(t);
    }

    private MethodInvoker errorHandler(Throwable t) {
        MethodInvoker best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (EndpointModel.ErrorHandler h : onError) {
            if (h.type().isInstance(t)) {
                int d = distance(t.getClass(), h.type());
                if (d < bestDistance) {
                    best = h.invoker();
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private static int distance(Class<?> from, Class<?> to) {
        int d = 0;
        for (Class<?> c = from; c != null && c != to; c = c.getSuperclass()) {
            d++;
        }
        return d;
    }

    private void refuse(WebSocketSession session, String kind) {
        LOG.log(System.Logger.Level.DEBUG, () -> "session " + session.id() + " of " + path + " sent a " + kind
                + " message; the endpoint takes none: closing with 1003");
        session.close(CloseCodes.UNSUPPORTED_DATA, kind + " messages are not accepted");
    }

    /**
     * Sends a callback's return value. The send is asynchronous; a refusal (slow consumer, closing
     * session) is the engine's to report, so a refused reply never fails the callback.
     */
    private void reply(WebSocketSession session, Object value) throws Exception {
        switch (value) {
            case null -> { }
            case CharSequence s -> session.sendText(s);
            case byte[] b -> session.sendBinary(b);
            case ByteBuffer b -> session.sendBinary(b);
            case PreparedMessage p -> session.send(p);
            default -> {
                if (codec == null) {
                    throw new IllegalStateException("no MessageCodec to encode a " + value.getClass().getName()
                            + " returned by a handler of " + path);
                }
                session.sendText(codec.encode(value));
            }
        }
    }

    private static Exception rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof Exception e ? e : new IllegalStateException(t);
    }

    @Override
    public String toString() {
        return "AnnotatedEndpoint[" + path + " -> " + model.type.getName() + "]";
    }
}
