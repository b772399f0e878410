package org.emulens.io.study;

import java.nio.file.Path;
import java.util.List;

/**
 * One model input of a study: gridded from files of an EO product (or any CF variable), or a constant;
 * either may carry an error model ({@code error} null: used as it is).
 *
 * @param product    built-in product name ({@code esa-cci-sm}) or null for a plain CF variable
 * @param variable   value variable (null: the product's)
 * @param sdVariable variable holding the random error's standard deviation (null: the product's, if any)
 * @param files      the files, in time order (empty for a constant)
 * @param value      the constant value (NaN for gridded inputs)
 */
public record StudyInput(String name, String product, String variable, String sdVariable, List<Path> files,
        double value, ErrorSpec error, String where) {

    public StudyInput {
        files = List.copyOf(files);
    }

    public boolean isConstant() {
        return files.isEmpty();
    }
}
