package org.emulens.kernels.cuda.internal;

import java.util.ArrayList;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;

/** Kernel arguments in order; the types must match the C signature (i32 for int and uint, i64 for emu_u64). */
public final class CuArgs {
    private final List<NativePointerObject> values = new ArrayList<>();

    public CuArgs buffer(CuBuffer b) {
        values.add(Pointer.to(b.pointer()));
        return this;
    }

    public CuArgs i32(int v) {
        values.add(Pointer.to(new int[] {v}));
        return this;
    }

    public CuArgs i64(long v) {
        values.add(Pointer.to(new long[] {v}));
        return this;
    }

    Pointer pointer() {
        return Pointer.to(values.toArray(new NativePointerObject[0]));
    }
}
