package dev.ws.handler;

import dev.ws.CloseStatus;
import dev.ws.server.PathTemplate;
import dev.ws.server.PreparedMessage;
import dev.ws.server.WebSocketSession;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Reads a {@link WsHandler} class once: finds its callback methods, checks every signature, and
 * builds a {@link MethodInvoker} per method. Every rule lives here, and every violation is a
 * {@link HandlerDefinitionException} whose message names the method and the rule.
 */
final class EndpointModel {

    /** Which callback a method is; decides the parameters it may take. */
    enum Kind {
        OPEN(OnOpen.class), MESSAGE(OnMessage.class), CLOSE(OnClose.class), ERROR(OnError.class);

        final Class<? extends Annotation> annotation;

        Kind(Class<? extends Annotation> annotation) {
            this.annotation = annotation;
        }

        String label() {
            return "@" + annotation.getSimpleName();
        }
    }

    /** What the message parameter of an {@link OnMessage} method takes. */
    enum MessageType {
        TEXT, BINARY
    }

    /** An {@link OnError} method and the exception type it handles. */
    record ErrorHandler(Class<? extends Throwable> type, MethodInvoker invoker) {
    }

    final Object bean;
    final Class<?> type;
    final PathTemplate path;
    final List<String> subprotocols;
    final MessageCodec codec;
    final WsSessionRegistry registry;
    MethodInvoker onOpen;
    MethodInvoker onText;
    MethodInvoker onBinary;
    MethodInvoker onClose;
    final List<ErrorHandler> onError = new ArrayList<>();

    private EndpointModel(Object bean, Class<?> type, MessageCodec codec, WsSessionRegistry registry) {
        this.bean = bean;
        this.type = type;
        this.codec = codec;
        this.registry = registry;
        WsHandler ws = type.getAnnotation(WsHandler.class);
        if (ws == null) {
            throw new HandlerDefinitionException(type.getName() + " is not annotated with @WsHandler");
        }
        try {
            this.path = PathTemplate.parse(ws.value());
        } catch (IllegalArgumentException e) {
            throw new HandlerDefinitionException(type.getName() + ": invalid @WsHandler path: " + e.getMessage(), e);
        }
        this.subprotocols = List.of(ws.subprotocols());
        if (!type.isInstance(bean)) {
            throw new HandlerDefinitionException(bean.getClass().getName() + " is not a " + type.getName());
        }
    }

    static EndpointModel read(Object bean, Class<?> type, MessageCodec codec, WsSessionRegistry registry) {
        EndpointModel m = new EndpointModel(bean, type, codec, registry);
        for (Method method : callbackMethods(type)) {
            m.add(method);
        }
        if (m.onOpen == null && m.onText == null && m.onBinary == null && m.onClose == null && m.onError.isEmpty()) {
            throw new HandlerDefinitionException(type.getName() + " (@WsHandler \"" + m.path
                    + "\") has no @OnOpen, @OnMessage, @OnClose or @OnError method");
        }
        return m;
    }

    /** Declared methods of the class and its superclasses, overridden ones once (the subclass's). */
    private static List<Method> callbackMethods(Class<?> type) {
        List<Method> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] declared = c.getDeclaredMethods();
            Arrays.sort(declared, java.util.Comparator.comparing(Method::getName)); // stable messages
            for (Method m : declared) {
                String signature = m.getName() + Arrays.toString(m.getParameterTypes());
                if (m.isBridge() || m.isSynthetic()) {
                    seen.add(signature); // a bridge overrides a generic superclass method: that one is not a callback
                    continue;
                }
                if (!Modifier.isPrivate(m.getModifiers()) && !seen.add(signature)) {
                    continue; // overridden by a subclass method already seen
                }
                found.add(m);
            }
        }
        return found;
    }

    private void add(Method method) {
        List<Kind> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (method.isAnnotationPresent(k.annotation)) {
                kinds.add(k);
            }
        }
        if (kinds.isEmpty()) {
            return;
        }
        if (kinds.size() > 1) {
            fail(method, "has " + kinds.stream().map(Kind::label).collect(Collectors.joining(" and "))
                    + "; a method is one callback");
        }
        Kind kind = kinds.get(0);
        if (Modifier.isStatic(method.getModifiers())) {
            fail(method, kind.label() + " method must not be static");
        }
        Parameter[] params = method.getParameters();
        Binder[] binders = new Binder[params.length];
        MessageType messageType = null;
        Class<? extends Throwable> errorType = null;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            Class<?> t = p.getType();
            PathParam pathParam = p.getAnnotation(PathParam.class);
            if (pathParam != null) {
                binders[i] = pathParamBinder(method, p, pathParam);
            } else if (t == WebSocketSession.class) {
                binders[i] = Call::session;
            } else if (t == HandshakeInfo.class) {
                binders[i] = c -> new SessionHandshakeInfo(c.session());
            } else if (t == Principal.class) {
                binders[i] = c -> SessionHandshakeInfo.principalOf(c.session());
            } else if (t == WsSessionRegistry.class) {
                if (registry == null) {
                    fail(method, "takes a WsSessionRegistry but the endpoint has none");
                }
                WsSessionRegistry r = registry;
                binders[i] = c -> r;
            } else if (kind == Kind.CLOSE && t == CloseStatus.class) {
                binders[i] = Call::status;
            } else if (kind == Kind.ERROR && Throwable.class.isAssignableFrom(t)) {
                if (errorType != null) {
                    fail(method, "takes two exception parameters; @OnError takes one");
                }
                @SuppressWarnings("unchecked")
                Class<? extends Throwable> et = (Class<? extends Throwable>) t;
                errorType = et;
                binders[i] = Call::error;
            } else if (kind == Kind.MESSAGE) {
                if (messageType != null) {
                    fail(method, "has two message parameters (parameter " + (i + 1) + " is " + t.getSimpleName()
                            + "); mark path variables with @PathParam");
                }
                messageType = isBinary(t) ? MessageType.BINARY : MessageType.TEXT;
                binders[i] = messageBinder(method, p);
            } else {
                fail(method, "parameter " + (i + 1) + " (" + t.getSimpleName() + ") cannot be bound; "
                        + kind.label() + " takes " + accepted(kind));
            }
        }
        checkReturnType(method, kind);
        MethodInvoker invoker = new MethodInvoker(method, bind(method), binders);
        switch (kind) {
            case OPEN -> onOpen = single(method, kind, onOpen, invoker);
            case CLOSE -> onClose = single(method, kind, onClose, invoker);
            case MESSAGE -> {
                if (messageType == null) {
                    fail(method, "has no message parameter; @OnMessage takes one of String, CharSequence, "
                            + "Reader, byte[], ByteBuffer, InputStream or a type the codec decodes");
                }
                if (messageType == MessageType.TEXT) {
                    onText = single(method, "text @OnMessage", onText, invoker);
                } else {
                    onBinary = single(method, "binary @OnMessage", onBinary, invoker);
                }
            }
            case ERROR -> {
                if (errorType == null) {
                    fail(method, "has no Throwable parameter; @OnError takes the exception it handles");
                }
                for (ErrorHandler h : onError) {
                    if (h.type() == errorType) {
                        fail(method, "handles " + errorType.getSimpleName() + " like " + h.invoker()
                                + "; give each @OnError a different exception type");
                    }
                }
                onError.add(new ErrorHandler(errorType, invoker));
            }
        }
    }

    private Binder messageBinder(Method method, Parameter p) {
        Class<?> t = p.getType();
        if (t == String.class || t == CharSequence.class) {
            return Call::message;
        }
        if (t == Reader.class) {
            return c -> new StringReader((String) c.message());
        }
        if (t == ByteBuffer.class) {
            return Call::message;
        }
        if (t == byte[].class) {
            return c -> {
                ByteBuffer b = ((ByteBuffer) c.message()).duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                return bytes;
            };
        }
        if (t == InputStream.class) {
            return c -> new ByteBufferInputStream((ByteBuffer) c.message());
        }
        if (t.isPrimitive()) {
            fail(method, "message parameter of primitive type " + t.getName() + " is not supported; use String");
        }
        if (codec == null) {
            fail(method, "message parameter " + t.getSimpleName() + " needs a MessageCodec and the endpoint has none");
        }
        Type generic = p.getParameterizedType();
        MessageCodec mc = codec;
        String typeName = t.getSimpleName();
        return c -> {
            try {
                return mc.decode((String) c.message(), generic);
            } catch (Exception e) {
                throw new DecodeException("cannot decode the message as " + typeName + ": " + e.getMessage(), e);
            }
        };
    }

    private Binder pathParamBinder(Method method, Parameter p, PathParam annotation) {
        String name = annotation.value();
        if (name.isEmpty()) {
            if (!p.isNamePresent()) {
                fail(method, "@PathParam on " + p.getName() + " has no name and the class was compiled without "
                        + "-parameters; write @PathParam(\"name\")");
            }
            name = p.getName();
        }
        if (!path.variableNames().contains(name)) {
            fail(method, "@PathParam(\"" + name + "\") is not a variable of " + path
                    + " (variables: " + path.variableNames() + ")");
        }
        String variable = name;
        Class<?> t = p.getType();
        java.util.function.Function<String, Object> convert = converter(t);
        if (convert == null) {
            fail(method, "@PathParam(\"" + name + "\") of type " + t.getSimpleName() + " is not supported; use "
                    + "String, int, long, boolean, their boxes, UUID or an enum");
        }
        return c -> {
            String value = c.session().pathParams().get(variable);
            try {
                return convert.apply(value);
            } catch (IllegalArgumentException e) {
                throw new DecodeException("path variable " + variable + "=" + value + " is not a "
                        + t.getSimpleName(), e);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.function.Function<String, Object> converter(Class<?> t) {
        if (t == String.class || t == CharSequence.class) {
            return v -> v;
        }
        if (t == int.class || t == Integer.class) {
            return Integer::valueOf;
        }
        if (t == long.class || t == Long.class) {
            return Long::valueOf;
        }
        if (t == boolean.class || t == Boolean.class) {
            return v -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException(v);
                }
                return Boolean.valueOf(v);
            };
        }
        if (t == UUID.class) {
            return UUID::fromString;
        }
        if (t.isEnum()) {
            return v -> Enum.valueOf((Class) t, v);
        }
        return null;
    }

    private void checkReturnType(Method method, Kind kind) {
        Class<?> r = method.getReturnType();
        if (r == void.class) {
            return;
        }
        if (kind == Kind.CLOSE) {
            fail(method, "@OnClose must return void: the session is closed, a reply cannot be sent");
        }
        if (CompletionStage.class.isAssignableFrom(r) || Future.class.isAssignableFrom(r)) {
            fail(method, "returns " + r.getSimpleName() + "; asynchronous replies are not supported: block "
                    + "(handlers run on virtual threads by default) or send through the session");
        }
        if (r.isPrimitive()) {
            fail(method, "returns " + r.getName() + "; return a String or an object the codec encodes");
        }
        boolean plain = CharSequence.class.isAssignableFrom(r) || r == byte[].class
                || ByteBuffer.class.isAssignableFrom(r) || PreparedMessage.class.isAssignableFrom(r) || r == Object.class;
        if (!plain && codec == null) {
            fail(method, "returns " + r.getSimpleName() + ", which needs a MessageCodec, and the endpoint has none");
        }
    }

    private MethodHandle bind(Method method) {
        if (!method.trySetAccessible()) {
            fail(method, "is not accessible to dev.ws.handler; make it public or open its package");
        }
        try {
            return MethodHandles.lookup().unreflect(method).bindTo(bean);
        } catch (IllegalAccessException e) {
            throw new HandlerDefinitionException(describe(method) + " is not accessible: " + e.getMessage(), e);
        }
    }

    private static MethodInvoker single(Method method, Kind kind, MethodInvoker existing, MethodInvoker added) {
        return single(method, kind.label(), existing, added);
    }

    private static MethodInvoker single(Method method, String what, MethodInvoker existing, MethodInvoker added) {
        if (existing != null) {
            fail(method, "is a second " + what + " method besides " + existing + "; an endpoint has at most one");
        }
        return added;
    }

    private static boolean isBinary(Class<?> t) {
        return t == byte[].class || t == ByteBuffer.class || t == InputStream.class;
    }

    private static String accepted(Kind kind) {
        String common = "WebSocketSession, HandshakeInfo, Principal, WsSessionRegistry and @PathParam values";
        return switch (kind) {
            case OPEN -> common;
            case MESSAGE -> "one message parameter and " + common;
            case CLOSE -> "CloseStatus and " + common;
            case ERROR -> "one Throwable and " + common;
        };
    }

    private static void fail(Method method, String what) {
        throw new HandlerDefinitionException(describe(method) + " " + what);
    }

    /** {@code ChatHandler.onMessage(ChatMessage, WebSocketSession)}: how messages name a method. */
    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
