package org.emulens.spark;

import java.io.Serializable;
import org.emulens.ensemble.stats.CellStatistics;

/**
 * What a task returns: the statistics {@code [cell][output]} of its block's members, and the backend that
 * computed them. A pure function of the block, the study and the backend, so a retried task returns the
 * same partial again.
 */
record BlockPartial(StudyBlock block, CellStatistics[][] statistics, String backend, String device)
        implements Serializable {
}
