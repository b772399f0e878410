package org.emulens.io.netcdf;

import java.util.regex.Pattern;

/** The CF rule for variable, dimension and attribute names: a letter, then letters, digits and underscores. */
final class CfNames {
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private CfNames() {
    }

    static void requireLegal(String name, String what) {
        if (name == null || !LEGAL.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name + "': expected a letter followed by "
                    + "letters, digits or underscores (CF section 2.3)");
        }
    }
}
