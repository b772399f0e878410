/*
 * Emulens kernel portability layer: maps the few qualifiers and built-ins that differ between OpenCL C 1.2
 * and CUDA C++ so that emulens_fused.c is one source for both. Nothing else belongs here.
 *
 * Exactness contract (see docs/GPU.md): the code relies on IEEE binary32 arithmetic with every operation
 * rounded on its own, except where the source asks for a fused multiply-add by name (EMU_FMAF: the dense
 * layers and the fast tanh's polynomials, as the CPU reference's Math.fma), which is rounded once. Build OpenCL with -cl-fp32-correctly-rounded-divide-sqrt (and never with
 * -cl-fast-relaxed-math, -cl-mad-enable, -cl-unsafe-math-optimizations or -cl-denorms-are-zero); build
 * CUDA with -fmad=false -prec-div=true -prec-sqrt=true -ftz=false (and never with -use_fast_math).
 */
#ifndef EMULENS_PORTABILITY_H
#define EMULENS_PORTABILITY_H

#if defined(__OPENCL_VERSION__)

#define EMU_OPENCL 1
/* No fused multiply-adds but those written as EMU_FMAF: elsewhere the Java reference rounds every product
 * before the addition. */
#pragma OPENCL FP_CONTRACT OFF

typedef uint emu_u32;
typedef ulong emu_u64;

#define EMU_KERNEL __kernel
#define EMU_GLOBAL __global
#define EMU_LOCAL __local
#define EMU_FN static inline
/* Where weights live. The host builds the program with -DEMU_PARAMS_IN_CONSTANT=1 when they fit in the
 * device's constant memory; OpenCL 1.2 has no generic address space, so this is a build-time choice. */
#if defined(EMU_PARAMS_IN_CONSTANT) && EMU_PARAMS_IN_CONSTANT
#define EMU_PSPACE __constant
#else
#define EMU_PSPACE __global
#endif
/* Work-group scratch: a __local kernel argument sized by the host. */
#define EMU_SCRATCH_PARAM , __local emu_u32* emu_scratch
#define EMU_SCRATCH_DECL

#define EMU_LOCAL_ID() ((emu_u32) get_local_id(0))
#define EMU_LOCAL_SIZE() ((emu_u32) get_local_size(0))
#define EMU_GROUP_ID() ((emu_u32) get_group_id(0))
#define EMU_GLOBAL_ID() ((emu_u64) get_global_id(0))
#define EMU_BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
#define EMU_LOCAL_INC(p) atomic_inc(p)

#define EMU_MULHI(a, b) mul_hi((emu_u32) (a), (emu_u32) (b))
#define EMU_AS_FLOAT(i) as_float((int) (i))
#define EMU_AS_INT(x) as_int(x)
#define EMU_SQRTF(x) sqrt(x)
#define EMU_TANHF(x) tanh(x)
#define EMU_EXPF(x) exp(x)
#define EMU_EXPM1F(x) expm1(x)
#define EMU_LOG1PF(x) log1p(x)
#define EMU_FABSF(x) fabs(x)
/* fma() is correctly rounded (one rounding) in OpenCL C, as Java's Math.fma. */
#define EMU_FMAF(a, b, c) fma((a), (b), (c))

#elif defined(__CUDACC__)

#define EMU_CUDA 1

typedef unsigned int emu_u32;
typedef unsigned long long emu_u64;

#define EMU_KERNEL extern "C" __global__
#define EMU_GLOBAL
#define EMU_LOCAL
#define EMU_FN static __device__ __forceinline__
/* CUDA pointers are generic: the same loads read weights from global memory or from the copy that a
 * kernel stages in shared memory, chosen per launch (stage_params). */
#define EMU_PSPACE
#define EMU_SCRATCH_PARAM
#define EMU_SCRATCH_DECL extern __shared__ emu_u32 emu_scratch[];

#define EMU_LOCAL_ID() ((emu_u32) threadIdx.x)
#define EMU_LOCAL_SIZE() ((emu_u32) blockDim.x)
#define EMU_GROUP_ID() ((emu_u32) blockIdx.x)
#define EMU_GLOBAL_ID() ((emu_u64) blockIdx.x * blockDim.x + threadIdx.x)
#define EMU_BARRIER() __syncthreads()
#define EMU_LOCAL_INC(p) atomicAdd((p), 1u)

#define EMU_MULHI(a, b) __umulhi((emu_u32) (a), (emu_u32) (b))
#define EMU_AS_FLOAT(i) __int_as_float((int) (i))
#define EMU_AS_INT(x) __float_as_int(x)
/* Correctly rounded with -prec-sqrt=true. */
#define EMU_SQRTF(x) sqrtf(x)
#define EMU_FABSF(x) fabsf(x)
#if defined(EMU_FMA_AUDIT)
/* Audit build only (kernels/build-ptx.sh, PtxResourcesTest): CUDA's tanhf, expf, log1pf and expm1f use fused
 * multiply-adds by design, so they are left out here; any fma.rn.f32 left in the PTX came from our own
 * arithmetic, which must have none but the EMU_FMAF ones (undone below). This PTX is never loaded. */
#define EMU_TANHF(x) (x)
#define EMU_EXPF(x) (x)
#define EMU_EXPM1F(x) (x)
#define EMU_LOG1PF(x) (x)
/* The intended fused multiply-adds become a separate multiply and add, so that any fma.rn.f32 in the
 * audit PTX is an unintended contraction; EMU_FMA_AUDIT_NAMED keeps them, to show that they are there. */
#if defined(EMU_FMA_AUDIT_NAMED)
#define EMU_FMAF(a, b, c) fmaf((a), (b), (c))
#else
#define EMU_FMAF(a, b, c) ((a) * (b) + (c))
#endif
#else
#define EMU_FMAF(a, b, c) fmaf((a), (b), (c))
#define EMU_TANHF(x) tanhf(x)
#define EMU_EXPF(x) expf(x)
#define EMU_EXPM1F(x) expm1f(x)
#define EMU_LOG1PF(x) log1pf(x)
#endif

#else
#error "emulens kernels compile as OpenCL C or CUDA only"
#endif

#endif /* EMULENS_PORTABILITY_H */
