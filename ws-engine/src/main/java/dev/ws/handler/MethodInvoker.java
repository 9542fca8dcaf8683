package dev.ws.handler;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * One handler method, ready to call: a {@link MethodHandle} bound to the bean and spread over an
 * argument array, and one {@link Binder} per parameter. Built once when the endpoint is created;
 * a call allocates only the argument array (no reflection, no lookups per message).
 */
final class MethodInvoker {

    private static final MethodType GENERIC = MethodType.methodType(Object.class, Object[].class);

    private final String description;
    private final MethodHandle handle;
    private final Binder[] binders;

    MethodInvoker(Method method, MethodHandle bound, Binder[] binders) {
        this.description = EndpointModel.describe(method);
        this.handle = bound.asSpreader(Object[].class, binders.length).asType(GENERIC);
        this.binders = binders;
    }

    /**
     * Binds the arguments and calls the method.
     *
     * @return the method's return value (null for void)
     * @throws Throwable what a binder or the method threw, unwrapped
     */
    Object invoke(Call call) throws Throwable {
        Object[] args = new Object[binders.length];
        for (int i = 0; i < binders.length; i++) {
            args[i] = binders[i].bind(call);
        }
        return (Object) handle.invokeExact(args);
    }

    @Override
    public String toString() {
        return description;
    }
}
