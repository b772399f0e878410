#!/usr/bin/python3
"""An independent reference for the seasonal metrics, written from Dunning, Black and Allan (2016,
JGR Atmospheres, doi:10.1002/2016JD025428) with whole-array numpy operations: cumulative sums,
arg-min/arg-max, the FFT for the harmonics, and run lengths from np.diff.

Reads JSON from stdin: {"climatology": [...], "members": [[...], ...], "year": 365, "margin": 50,
"bimodal_ratio": 1.0, "dry_threshold": 0.1}. Prints one line per member:
onset cessation length onset_2 cessation_2 length_2 harmonic_ratio dry_days longest_dry_spell
(days numbered from 1, 'NaN' where undefined), after a first line with the climatology's
harmonic ratio and its analysis windows.
"""

import json
import sys

import numpy as np

NAN = float("nan")


def harmonic_ratio(x, year):
    if len(x) != year:
        return NAN
    spectrum = np.fft.rfft(np.asarray(x, dtype=np.float64))
    return float(abs(spectrum[2]) / abs(spectrum[1]))


def onset_cessation(x, xbar, first, last):
    """Days are 1-based and inclusive. Onset: the day after the minimum of the cumulative anomaly;
    cessation: the day of its maximum after that minimum."""
    a = np.cumsum(np.asarray(x[first - 1:last], dtype=np.float64) - xbar)
    i = int(np.argmin(a))
    if i == len(a) - 1:
        return NAN, NAN
    j = i + 1 + int(np.argmax(a[i + 1:]))
    return first + i + 1, first + j


def parts(clim, year, bimodal_ratio):
    n = len(clim)
    if not harmonic_ratio(clim, year) > bimodal_ratio:
        return [(1, n)]
    # The half-yearly harmonic as a curve over the days; part the season at its lowest day nearest the middle.
    x2 = np.fft.rfft(np.asarray(clim, dtype=np.float64))[2]
    days = np.arange(1, n + 1)
    curve = np.real(x2 * np.exp(2j * np.pi * 2 * (days - 1) / year))
    lows = [d for d in range(2, n) if curve[d - 1] <= curve[d - 2] and curve[d - 1] <= curve[d]]
    split = min(lows, key=lambda d: abs(d - (n + 1) / 2))
    return [(1, split - 1), (split, n)]


def windows(clim, xbar, year, margin, bimodal_ratio):
    out = []
    for first, last in parts(clim, year, bimodal_ratio):
        onset, cessation = onset_cessation(clim, xbar, first, last)
        if np.isnan(onset) or np.isnan(cessation):
            out.append((first, last))
        else:
            out.append((max(first, int(onset) - margin), min(last, int(cessation) + margin)))
    return out


def dry_spells(x, threshold):
    dry = (np.asarray(x, dtype=np.float64) < threshold).astype(int)
    padded = np.concatenate([[0], dry, [0]])
    edges = np.diff(padded)
    starts, ends = np.where(edges == 1)[0], np.where(edges == -1)[0]
    longest = int(np.max(ends - starts)) if len(starts) else 0
    return int(dry.sum()), longest


def fmt(v):
    v = float(v)
    return "NaN" if np.isnan(v) else repr(v)


def main():
    q = json.load(sys.stdin)
    clim = q["climatology"]
    xbar = float(np.mean(np.asarray(clim, dtype=np.float64)))
    ws = windows(clim, xbar, q["year"], q["margin"], q["bimodal_ratio"])
    print(fmt(harmonic_ratio(clim, q["year"])), " ".join("%d %d" % w for w in ws))
    for x in q["members"]:
        values = []
        for k in range(2):
            if k < len(ws):
                onset, cessation = onset_cessation(x, xbar, *ws[k])
                values += [onset, cessation, cessation - onset + 1]
            else:
                values += [NAN, NAN, NAN]
        values.append(harmonic_ratio(x, q["year"]))
        values += list(dry_spells(x, q["dry_threshold"]))
        print(" ".join(fmt(v) for v in values))


if __name__ == "__main__":
    main()
