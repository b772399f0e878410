package org.emulens.ensemble.uncertainty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.emulens.ensemble.rng.MemberDraws;

/**
 * The input uncertainty of a study: for each of the emulator's inputs, in the emulator's order, either nothing
 * (the input is passed through unchanged) or an {@link InputUncertainty}, plus the correlations between the
 * random error components of inputs. Immutable; made with {@link #builder}, which validates everything in
 * {@link Builder#build()} and names the input in every message. {@link MemberPerturber} applies it.
 *
 * <p>An input's slot (its position in the emulator's list) is also its index in the random streams, so
 * adding an uncertainty model to one more input leaves every other input's draws unchanged.
 */
public final class UncertaintyModel {
    /**
     * Most emulator inputs a model can address: each slot takes {@link TotalErrors#ATTEMPTS} normals per stream
     * and cell, {@code slot + attempt·slots}, within one stream's {@value MemberDraws#VALUES_PER_STREAM}.
     */
    public static final int MAX_INPUTS = MemberDraws.VALUES_PER_STREAM / TotalErrors.ATTEMPTS;

    private final List<String> inputNames;
    private final InputUncertainty[] bySlot;
    private final CorrelatedNormals randomNormals;

    private UncertaintyModel(List<String> inputNames, InputUncertainty[] bySlot, CorrelatedNormals randomNormals) {
        this.inputNames = inputNames;
        this.bySlot = bySlot;
        this.randomNormals = randomNormals;
    }

    /** A builder over the emulator's input names, in the order the emulator takes them. */
    public static Builder builder(List<String> inputNames) {
        return new Builder(inputNames);
    }

    /** The emulator's input names, in order. */
    public List<String> inputNames() {
        return inputNames;
    }

    /** Number of emulator inputs, perturbed or not: the length of a member's input vector. */
    public int slots() {
        return inputNames.size();
    }

    /** The uncertainty of input {@code name}; empty if it is passed through unchanged. */
    public Optional<InputUncertainty> input(String name) {
        int slot = inputNames.indexOf(name);
        return slot < 0 ? Optional.empty() : Optional.ofNullable(bySlot[slot]);
    }

    /** The perturbed inputs, in slot order. */
    public List<InputUncertainty> perturbedInputs() {
        List<InputUncertainty> inputs = new ArrayList<>();
        for (InputUncertainty input : bySlot) {
            if (input != null) {
                inputs.add(input);
            }
        }
        return Collections.unmodifiableList(inputs);
    }

    /** The correlated normals of the random components (the Cholesky rows that kernels receive). */
    public CorrelatedNormals randomNormals() {
        return randomNormals;
    }

    /** The uncertainty at {@code slot}, or null for a pass-through input. */
    InputUncertainty atSlot(int slot) {
        return bySlot[slot];
    }

    /**
     * Collects input models and correlations in any order; {@link #build()} checks them all. Not thread-safe.
     */
    public static final class Builder {
        private final List<String> inputNames;
        private final List<Declaration> declarations = new ArrayList<>();
        private final List<Correlation> correlations = new ArrayList<>();

        private Builder(List<String> inputNames) {
            Objects.requireNonNull(inputNames, "inputNames");
            this.inputNames = new ArrayList<>(inputNames);
        }

        /** Per-cell input with random and systematic error components (no locally correlated one). */
        public Builder input(String name, ErrorShape shape) {
            declarations.add(new Declaration(name, shape, false, Float.NaN, false, Float.NaN, Float.NaN));
            return this;
        }

        /**
         * Per-cell input with random, locally correlated and systematic error components; the correlated one
         * is a {@link BilinearLatticeField} with correlation length {@code correlationLengthDegrees}.
         */
        public Builder input(String name, ErrorShape shape, float correlationLengthDegrees) {
            declarations.add(new Declaration(name, shape, true, correlationLengthDegrees, false, Float.NaN,
                    Float.NaN));
            return this;
        }

        /**
         * Uncertain parameter: the same {@code nominal} in every cell, perturbed by a systematic error of
         * standard deviation {@code sd} shared by all cells of a member.
         */
        public Builder parameter(String name, float nominal, float sd, ErrorShape shape) {
            declarations.add(new Declaration(name, shape, false, Float.NaN, true, nominal, sd));
            return this;
        }

        /** Correlation {@code rho} between the random error components of two per-cell inputs. */
        public Builder correlation(String first, String second, double rho) {
            correlations.add(new Correlation(first, second, rho));
            return this;
        }

        /** The model, or an {@link UncertaintyException} describing the first problem found. */
        public UncertaintyModel build() {
            List<String> names = checkedInputNames();
            Map<String, Integer> slotOf = slotsByName(names);
            InputUncertainty[] bySlot = new InputUncertainty[names.size()];
            for (Declaration d : declarations) {
                int slot = slotOfInput(slotOf, d.name);
                if (bySlot[slot] != null) {
                    throw new UncertaintyException("input '" + d.name
                            + "' is given an uncertainty model twice, expected at most one");
                }
                bySlot[slot] = d.toInput(slot);
            }
            return new UncertaintyModel(Collections.unmodifiableList(names), bySlot,
                    correlatedNormals(names, slotOf, bySlot));
        }

        private List<String> checkedInputNames() {
            if (inputNames.size() > MAX_INPUTS) {
                throw new UncertaintyException("emulator inputs: expected at most " + MAX_INPUTS + ", found "
                        + inputNames.size());
            }
            for (int i = 0; i < inputNames.size(); i++) {
                String name = inputNames.get(i);
                if (name == null || name.isBlank()) {
                    throw new UncertaintyException("emulator input " + i + ": expected a name, found "
                            + (name == null ? "null" : "'" + name + "'"));
                }
            }
            return List.copyOf(inputNames);
        }

        private static Map<String, Integer> slotsByName(List<String> names) {
            Map<String, Integer> slotOf = new HashMap<>();
            for (int slot = 0; slot < names.size(); slot++) {
                Integer first = slotOf.putIfAbsent(names.get(slot), slot);
                if (first != null) {
                    throw new UncertaintyException("emulator input '" + names.get(slot) + "' is listed twice, at "
                            + "positions " + first + " and " + slot + "; expected unique names");
                }
            }
            return slotOf;
        }

        private int slotOfInput(Map<String, Integer> slotOf, String name) {
            Integer slot = slotOf.get(name);
            if (slot == null) {
                throw new UncertaintyException("input '" + name + "' is not an emulator input, expected one of "
                        + inputNames);
            }
            return slot;
        }

        /** Checks the pairs, then factors the matrix over the inputs that take part in them, in slot order. */
        private CorrelatedNormals correlatedNormals(List<String> names, Map<String, Integer> slotOf,
                                                   InputUncertainty[] bySlot) {
            Map<Long, Double> pairs = new HashMap<>();
            TreeSet<Integer> involved = new TreeSet<>();
            for (Correlation c : correlations) {
                int a = correlatedSlot(slotOf, bySlot, c.first);
                int b = correlatedSlot(slotOf, bySlot, c.second);
                if (a == b) {
                    throw new UncertaintyException("correlation of input '" + c.first
                            + "' with itself: expected two different inputs");
                }
                if (!(c.rho >= -1 && c.rho <= 1)) {
                    throw new UncertaintyException("correlation between inputs '" + c.first + "' and '" + c.second
                            + "' must lie in [-1, 1], found " + c.rho);
                }
                long key = (long) Math.min(a, b) * MAX_INPUTS + Math.max(a, b);
                if (pairs.putIfAbsent(key, c.rho) != null) {
                    throw new UncertaintyException("correlation between inputs '" + c.first + "' and '" + c.second
                            + "' is given twice, expected once");
                }
                involved.add(a);
                involved.add(b);
            }
            int[] slots = involved.stream().mapToInt(Integer::intValue).toArray();
            double[][] matrix = new double[slots.length][slots.length];
            for (int i = 0; i < slots.length; i++) {
                matrix[i][i] = 1.0;
                for (int j = 0; j < i; j++) {
                    double rho = pairs.getOrDefault((long) slots[j] * MAX_INPUTS + slots[i], 0.0);
                    matrix[i][j] = rho;
                    matrix[j][i] = rho;
                }
            }
            return CorrelatedNormals.of(names, slots, matrix);
        }

        private int correlatedSlot(Map<String, Integer> slotOf, InputUncertainty[] bySlot, String name) {
            int slot = slotOfInput(slotOf, name);
            if (bySlot[slot] == null) {
                throw new UncertaintyException("input '" + name + "' has no uncertainty model, so its random "
                        + "component cannot be correlated; expected an input given with input(...)");
            }
            if (bySlot[slot].isParameter()) {
                throw new UncertaintyException("input '" + name + "' is an uncertain parameter (systematic error "
                        + "only), so it has no random component to correlate; expected a per-cell input");
            }
            return slot;
        }
    }

    private record Declaration(String name, ErrorShape shape, boolean correlated, float lengthDegrees,
                               boolean parameter, float nominal, float sd) {

        InputUncertainty toInput(int slot) {
            String kind = parameter ? "parameter '" : "input '";
            if (shape == null) {
                throw new UncertaintyException(kind + name + "': expected an error shape, found null");
            }
            shape.requireValid(name);
            if (!parameter) {
                BilinearLatticeField field = correlated ? BilinearLatticeField.withSpacing(name, lengthDegrees) : null;
                return InputUncertainty.perCell(name, slot, shape, field);
            }
            if (!Float.isFinite(nominal)) {
                throw new UncertaintyException(kind + name + "': nominal value must be finite, found " + nominal);
            }
            if (!(sd >= 0f) || !Float.isFinite(sd)) {
                throw new UncertaintyException(kind + name + "': sd must be a finite number >= 0, found " + sd);
            }
            shape.requireValidNominal(name, nominal);
            return InputUncertainty.parameter(name, slot, shape, nominal, sd);
        }
    }

    private record Correlation(String first, String second, double rho) {
    }
}
