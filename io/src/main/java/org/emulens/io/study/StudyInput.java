package org.emulens.io.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One model input of a study: gridded from files of an EO product (or any CF variable), or a constant;
 * either may carry an error model ({@code error} null: used as it is).
 *
 * @param product    built-in product name ({@code esa-cci-sm}) or null for a plain CF variable
 * @param variable   value variable (null: the product's)
 * @param sdVariable variable holding the random error's standard deviation (null: the product's, if any)
 * @param files      the files, in time order (empty for a constant)
 * @param value      the constant value (NaN for gridded inputs)
 * @param select     for {@code product: jules}: one index (from 0) of each layer dimension of the variable
 *                   ({@code soil}, {@code pft}, {@code tile}, {@code time}); empty otherwise
 */
public record StudyInput(String name, String product, String variable, String sdVariable, List<Path> files,
        double value, ErrorSpec error, String where, Map<String, Integer> select) {

    public StudyInput {
        files = List.copyOf(files);
        select = Map.copyOf(select);
    }

    /** An input with no layer selection (EO products, CF variables, constants). */
    public StudyInput(String name, String product, String variable, String sdVariable, List<Path> files, double value,
            ErrorSpec error, String where) {
        this(name, product, variable, sdVariable, files, value, error, where, Map.of());
    }

    public boolean isConstant() {
        return files.isEmpty();
    }
}
