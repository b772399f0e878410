package org.emulens.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emulens.kernels.cuda.internal.PtxResources;
import org.emulens.kernels.internal.KernelSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed PTX was made from the current kernel source (checked everywhere by hash), and it assembles
 * for its architecture where the CUDA toolkit's ptxas is on the PATH (no GPU needed).
 */
class PtxResourcesTest {

    @ParameterizedTest
    @ValueSource(ints = {80, 90})
    void committedPtxComesFromTheCurrentSource(int arch) throws NoSuchAlgorithmException {
        String ptx = PtxResources.read(PtxResources.resourceFor(arch / 10, arch % 10));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(KernelSource.read(KernelSource.HEADER).getBytes(StandardCharsets.UTF_8));
        sha.update(KernelSource.read(KernelSource.SOURCE).getBytes(StandardCharsets.UTF_8));
        sha.update(KernelSource.read(KernelSource.TREES).getBytes(StandardCharsets.UTF_8));
        String expected = PtxResources.HASH_PREFIX + HexFormat.of().formatHex(sha.digest());
        assertEquals(expected, ptx.lines().findFirst().orElse(""),
                "emulens_fused.sm_" + arch + ".ptx is stale: run kernels/build-ptx.sh where nvcc exists");
        assertTrue(ptx.contains(".target sm_" + arch), "PTX for sm_" + arch);
        for (String entry : new String[] {KernelSource.FORWARD_ROWS, KernelSource.FUSED_STATISTICS,
            KernelSource.FUSED_MEMBERS}) {
            assertTrue(ptx.contains(".entry " + entry), "entry point " + entry);
        }
        // -prec-div=true -prec-sqrt=true: correctly rounded division and square root, never the approximations.
        assertTrue(ptx.contains("div.rn.f32") && ptx.contains("sqrt.rn.f32"), "correctly rounded div and sqrt");
        assertTrue(!ptx.contains("div.approx.f32") && !ptx.contains("div.full.f32")
                && !ptx.contains("sqrt.approx.f32"), "no approximate division or square root");
    }

    /**
     * -fmad=false leaves no fused multiply-add in our own arithmetic but the ones it names (EMU_FMAF). CUDA's
     * tanhf/expf/log1pf/expm1f use them by design, so the audit build (EMU_FMA_AUDIT) leaves those out, spells
     * EMU_FMAF as a multiply and an add, and compiles the rest with the same flags.
     */
    @org.junit.jupiter.api.Test
    void ownArithmeticHasNoFusedMultiplyAddButTheNamedOnes() throws IOException, InterruptedException {
        String nvcc = onPath("nvcc");
        Assumptions.assumeTrue(nvcc != null, "nvcc (CUDA toolkit) is not on the PATH; FMA audit skipped");
        String audit = auditPtx(nvcc, "-DEMU_FMA_AUDIT");
        assertTrue(audit.contains(".entry " + KernelSource.FUSED_STATISTICS), "audit PTX has the kernels");
        assertTrue(!audit.contains("fma.rn.f32"), "no fused multiply-add in the kernel's own arithmetic");
        // The same build with EMU_FMAF kept: the dense layers' and the fast tanh's fused multiply-adds (one
        // rounding, as the CPU reference's Math.fma) are there, and are the only ones.
        String named = auditPtx(nvcc, "-DEMU_FMA_AUDIT", "-DEMU_FMA_AUDIT_NAMED");
        assertTrue(named.contains("fma.rn.f32"), "EMU_FMAF compiles to fma.rn.f32");
    }

    private static String auditPtx(String nvcc, String... defines) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("emulens-ptx");
        Files.writeString(dir.resolve(KernelSource.HEADER), KernelSource.read(KernelSource.HEADER));
        Files.writeString(dir.resolve(KernelSource.SOURCE), KernelSource.read(KernelSource.SOURCE));
        Files.writeString(dir.resolve(KernelSource.TREES), KernelSource.read(KernelSource.TREES));
        Path ptx = dir.resolve("audit.ptx");
        List<String> command = new ArrayList<>(List.of(nvcc, "-x", "cu", "-ptx", "-arch=compute_80", "-fmad=false",
                "-prec-div=true", "-prec-sqrt=true", "-ftz=false"));
        command.addAll(List.of(defines));
        command.addAll(List.of("-I", dir.toString(), "-o", ptx.toString(), dir.resolve(KernelSource.SOURCE).toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc finished");
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "nvcc: " + log);
        return Files.readString(ptx);
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 90})
    void ptxAssemblesWithPtxas(int arch) throws IOException, InterruptedException {
        String ptxas = onPath("ptxas");
        Assumptions.assumeTrue(ptxas != null, "ptxas (CUDA toolkit) is not on the PATH; assembling sm_" + arch
                + " skipped");
        Path dir = Files.createTempDirectory("emulens-ptx");
        Path ptx = dir.resolve("k.ptx");
        Files.writeString(ptx, PtxResources.read(PtxResources.resourceFor(arch / 10, arch % 10)));
        Process p = new ProcessBuilder(ptxas, "-arch=sm_" + arch, "-o", dir.resolve("k.cubin").toString(),
                ptx.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ptxas finished");
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "ptxas -arch=sm_" + arch + ": " + log);
        System.out.println("[emulens-kernels] ptxas -arch=sm_" + arch + ": ok");
    }

    static String onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
