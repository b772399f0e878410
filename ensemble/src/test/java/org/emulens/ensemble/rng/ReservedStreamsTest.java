package org.emulens.ensemble.rng;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservedStreamsTest {

    /** Two features on one stream would draw the same numbers and be silently correlated. */
    @Test
    void everyStreamIdIsClaimedOnceAndFitsTheCounterField() throws IllegalAccessException {
        Map<Integer, String> owners = new HashMap<>();
        for (Field f : ReservedStreams.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class || f.getName().equals("SHARED_CELL")) {
                continue;
            }
            int id = f.getInt(null);
            String previous = owners.put(id, f.getName());
            assertTrue(previous == null, "stream " + id + " is claimed by both " + previous + " and " + f.getName());
            // the stream shares the fourth counter word with a 20-bit block index: 12 bits are left for it
            assertTrue(id >= 0 && id < 4096, f.getName() + " = " + id + " does not fit in 12 bits");
        }
        assertTrue(owners.size() >= 9, "expected the nine streams documented in docs/ENSEMBLE.md, found " + owners);
    }
}
