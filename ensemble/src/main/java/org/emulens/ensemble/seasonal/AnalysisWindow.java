package org.emulens.ensemble.seasonal;

/** An inclusive range of days of the season, numbered from 1. */
public record AnalysisWindow(int firstDay, int lastDay) {

    public AnalysisWindow {
        if (firstDay < 1 || lastDay < firstDay) {
            throw new IllegalArgumentException("analysis window: expected 1 <= first day <= last day, found ["
                    + firstDay + ", " + lastDay + "]");
        }
    }

    public int length() {
        return lastDay - firstDay + 1;
    }

    public boolean contains(int day) {
        return day >= firstDay && day <= lastDay;
    }
}
