package org.emulens.ensemble.uncertainty;

import java.util.Optional;

/**
 * How one emulator input is perturbed: its {@link ErrorShape} and which error components it has. Two kinds:
 * <ul>
 *   <li><b>per-cell data</b> (an Earth-observation product): the nominal value comes with each cell, and so
 *       do the standard deviations of its random, locally correlated and systematic components
 *       ({@link CellUncertainty}); a correlated component needs a correlation length, given here;</li>
 *   <li><b>uncertain parameter</b>: a fixed nominal value and a systematic-only error with a fixed standard
 *       deviation, both given here. Every cell of a member sees the same draw, so the members form a
 *       parameter ensemble.</li>
 * </ul>
 * Immutable; made and validated by {@link UncertaintyModel.Builder}.
 */
public final class InputUncertainty {
    private final String name;
    private final int slot;
    private final ErrorShape shape;
    private final BilinearLatticeField correlatedField;
    private final boolean parameter;
    private final float parameterNominal;
    private final float parameterSd;

    private InputUncertainty(String name, int slot, ErrorShape shape, BilinearLatticeField correlatedField,
                             boolean parameter, float parameterNominal, float parameterSd) {
        this.name = name;
        this.slot = slot;
        this.shape = shape;
        this.correlatedField = correlatedField;
        this.parameter = parameter;
        this.parameterNominal = parameterNominal;
        this.parameterSd = parameterSd;
    }

    static InputUncertainty perCell(String name, int slot, ErrorShape shape, BilinearLatticeField correlatedField) {
        return new InputUncertainty(name, slot, shape, correlatedField, false, Float.NaN, Float.NaN);
    }

    static InputUncertainty parameter(String name, int slot, ErrorShape shape, float nominal, float sd) {
        return new InputUncertainty(name, slot, shape, null, true, nominal, sd);
    }

    public String name() {
        return name;
    }

    /** Position of the input in the emulator's input list; also its index in the random streams. */
    public int slot() {
        return slot;
    }

    public ErrorShape shape() {
        return shape;
    }

    /** True for an uncertain parameter, false for per-cell data. */
    public boolean isParameter() {
        return parameter;
    }

    /** The field of the locally correlated component; empty if the input has none (and for parameters). */
    public Optional<BilinearLatticeField> correlatedField() {
        return Optional.ofNullable(correlatedField);
    }

    /** The fixed nominal value of a parameter; NaN for per-cell data. */
    public float parameterNominal() {
        return parameterNominal;
    }

    /** The systematic standard deviation of a parameter; NaN for per-cell data. */
    public float parameterSd() {
        return parameterSd;
    }

    @Override
    public String toString() {
        if (parameter) {
            return "parameter '" + name + "' = " + parameterNominal + " ± " + parameterSd + " systematic, " + shape;
        }
        return "input '" + name + "', " + shape + (correlatedField == null ? ""
                : ", correlated over " + correlatedField.spacingDegrees() + " degrees");
    }
}
