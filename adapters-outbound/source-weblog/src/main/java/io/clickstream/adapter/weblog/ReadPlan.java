package io.clickstream.adapter.weblog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for the files found now and the cursors of the checkpoint, which file continues which cursor and
 * which files are copies of another (a rotated file while it is being gzipped) that must not be read twice.
 */
final class ReadPlan {

    private static final Logger LOG = LoggerFactory.getLogger(ReadPlan.class);

    /** A file to read, from its cursor, or from the start when the cursor is null. */
    record Step(LogFile file, FileCursor cursor) {
    }

    private ReadPlan() {
    }

    static List<Step> of(List<FileCursor> cursors, List<LogFile> files) {
        FileCursor[] claimedBy = new FileCursor[files.size()];
        for (FileCursor c : cursors) {
            int best = bestMatch(c, files, claimedBy);
            if (best >= 0) {
                claimedBy[best] = c;
            } else if (files.stream().anyMatch(f -> sameFile(c, f))) {
                LOG.warn("access log {} was truncated or replaced (its start changed or it is shorter than the "
                        + "checkpoint offset {}): reading it again from the start", c.path(), c.offset());
            } else {
                LOG.debug("access log {} is gone; dropping it from the checkpoint", c.path());
            }
        }
        boolean[] skip = copiesToSkip(files, claimedBy);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (!skip[i]) {
                steps.add(new Step(files.get(i), claimedBy[i]));
            }
        }
        return steps;
    }

    /**
     * The file holding this cursor's content: same leading bytes, and for plain files at least as long as the
     * offset. Among several, the same file key, then the same path, then a plain file over a gzip one.
     */
    private static int bestMatch(FileCursor c, List<LogFile> files, FileCursor[] claimedBy) {
        int best = -1;
        int bestScore = -1;
        for (int i = 0; i < files.size(); i++) {
            LogFile f = files.get(i);
            if (claimedBy[i] != null || !c.sameContentAs(f) || (!f.gzip() && f.size() < c.offset())) {
                continue;
            }
            int score = (c.fileKey() != null && c.fileKey().equals(f.fileKey()) ? 4 : 0)
                    + (c.path().equals(f.path().toString()) ? 2 : 0) + (f.gzip() ? 0 : 1);
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    private static boolean sameFile(FileCursor c, LogFile f) {
        return c.fileKey() != null && f.fileKey() != null ? c.fileKey().equals(f.fileKey())
                : c.path().equals(f.path().toString());
    }

    /**
     * Files whose content starts like another's (one is a prefix of the other) are one log in two places; only
     * one is read: the one a cursor follows, else a plain file over gzip, the longer one, the older one.
     */
    private static boolean[] copiesToSkip(List<LogFile> files, FileCursor[] claimedBy) {
        int n = files.size();
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (samePrefix(files.get(i).head(), files.get(j).head())) {
                    union(group, i, j);
                }
            }
        }
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(find(group, i), k -> new ArrayList<>()).add(i);
        }
        boolean[] skip = new boolean[n];
        for (List<Integer> m : members.values()) {
            if (m.size() < 2) {
                continue;
            }
            boolean anyClaimed = m.stream().anyMatch(i -> claimedBy[i] != null);
            int keep = anyClaimed ? -1 : preferred(files, m);
            for (int i : m) {
                skip[i] = anyClaimed ? claimedBy[i] == null : i != keep;
                if (skip[i]) {
                    LOG.debug("access log {} is a copy of another log file here; not reading it",
                            files.get(i).path());
                }
            }
        }
        return skip;
    }

    private static int preferred(List<LogFile> files, List<Integer> members) {
        int keep = members.get(0);
        for (int i : members) {
            LogFile f = files.get(i);
            LogFile k = files.get(keep);
            if (k.gzip() && !f.gzip() || k.gzip() == f.gzip() && !f.gzip() && f.size() > k.size()) {
                keep = i;
            }
        }
        return keep;
    }

    private static boolean samePrefix(byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        return common > 0 && Arrays.equals(a, 0, common, b, 0, common);
    }

    private static int find(int[] group, int i) {
        while (group[i] != i) {
            i = group[i];
        }
        return i;
    }

    private static void union(int[] group, int a, int b) {
        group[find(group, a)] = find(group, b);
    }
}
