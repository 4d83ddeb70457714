package io.clickstream.adapter.weblog;

import io.clickstream.domain.InvalidParameterException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the access-log source.
 *
 * @param id           source id, names the checkpoint ({@code sources.weblog.id}, default {@code weblog})
 * @param pathOrGlob   a directory of logs, one log file, or a glob such as {@code /var/log/nginx/access*.log*}
 *                     ({@code sources.weblog.path})
 * @param fileGlob     which file names in a directory are logs ({@code sources.weblog.file.glob}); unused for a glob
 * @param rules        URL rules, first match wins ({@code sources.weblog.rules}, see {@link UrlRules#parse})
 * @param maxLineBytes longer lines are rejected ({@code sources.weblog.max.line.bytes}, default 65536)
 */
public record WeblogSettings(String id, String pathOrGlob, String fileGlob, List<UrlRule> rules, int maxLineBytes) {

    public static final String PATH_KEY = "sources.weblog.path";
    public static final String RULES_KEY = "sources.weblog.rules";
    public static final String ID_KEY = "sources.weblog.id";
    public static final String FILE_GLOB_KEY = "sources.weblog.file.glob";
    public static final String MAX_LINE_BYTES_KEY = "sources.weblog.max.line.bytes";

    public static final String DEFAULT_ID = "weblog";
    /** Plain logs, numbered rotations ({@code .1}, {@code .2.gz}), date-stamped rotations and gzip files. */
    public static final String DEFAULT_FILE_GLOB = "{*.log,*.log.[0-9]*,*.log-[0-9]*,*.gz}";
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    public WeblogSettings {
        if (id == null || !id.matches("[a-zA-Z0-9][a-zA-Z0-9._-]*")) {
            throw new InvalidParameterException(ID_KEY, "'" + id + "' must be letters, digits, '.', '_' or '-'");
        }
        if (pathOrGlob == null || pathOrGlob.isBlank()) {
            throw new InvalidParameterException(PATH_KEY, "is empty: set it to a directory of access logs or a glob");
        }
        if (fileGlob == null || fileGlob.isBlank()) {
            throw new InvalidParameterException(FILE_GLOB_KEY, "is empty");
        }
        Objects.requireNonNull(rules, "rules");
        if (rules.isEmpty()) {
            throw new InvalidParameterException(RULES_KEY, "no URL rule: nothing would ever be landed");
        }
        rules = List.copyOf(rules);
        if (maxLineBytes < 1024 || maxLineBytes > 16 * 1024 * 1024) {
            throw new InvalidParameterException(MAX_LINE_BYTES_KEY, maxLineBytes + " is not within 1024..16777216");
        }
    }

    public static WeblogSettings defaults(String pathOrGlob) {
        return new WeblogSettings(DEFAULT_ID, pathOrGlob, DEFAULT_FILE_GLOB, UrlRules.defaults(),
                DEFAULT_MAX_LINE_BYTES);
    }

    public static WeblogSettings defaults(Path path) {
        return defaults(path.toString());
    }

    public WeblogSettings withId(String newId) {
        return new WeblogSettings(newId, pathOrGlob, fileGlob, rules, maxLineBytes);
    }

    public WeblogSettings withFileGlob(String newFileGlob) {
        return new WeblogSettings(id, pathOrGlob, newFileGlob, rules, maxLineBytes);
    }

    public WeblogSettings withRules(List<UrlRule> newRules) {
        return new WeblogSettings(id, pathOrGlob, fileGlob, newRules, maxLineBytes);
    }

    /** Rules from the {@code sources.weblog.rules} text; blank keeps the defaults. */
    public WeblogSettings withRules(String spec) {
        return withRules(UrlRules.parse(spec));
    }

    public WeblogSettings withMaxLineBytes(int newMaxLineBytes) {
        return new WeblogSettings(id, pathOrGlob, fileGlob, rules, newMaxLineBytes);
    }
}
