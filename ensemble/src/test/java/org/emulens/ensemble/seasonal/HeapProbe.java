package org.emulens.ensemble.seasonal;

import java.util.List;

/** A forcing that passes another through and, on the last day of a run, records the heap in use after a GC. */
final class HeapProbe implements SeasonForcing {
    static int lastDay;
    static long usedOnLastDay;
    private final SeasonForcing inner;
    private int probedDay = -1;

    HeapProbe(SeasonForcing inner) {
        this.inner = inner;
    }

    @Override
    public List<String> names() {
        return inner.names();
    }

    @Override
    public void member(int cell, long member, int day, float[] out, int offset) {
        if (day == lastDay && member == 0 && probedDay != day) {
            probedDay = day;
            System.gc();
            Runtime rt = Runtime.getRuntime();
            usedOnLastDay = rt.totalMemory() - rt.freeMemory();
        }
        if (day != lastDay) {
            probedDay = -1;
        }
        inner.member(cell, member, day, out, offset);
    }

    @Override
    public void climatology(int cell, int day, float[] out, int offset) {
        inner.climatology(cell, day, out, offset);
    }
}
