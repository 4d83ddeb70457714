package io.clickstream.adapter.weblog;

import io.clickstream.domain.InvalidParameterException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Finds the log files of a directory or glob and orders them oldest first: by modification time, then by
 * rotation number (higher is older), then by name, so the order is the same for unchanged files.
 */
final class LogFiles {

    static final int HEAD_BYTES = 1024;

    private static final Pattern ROTATION = Pattern.compile("\\.(\\d{1,9})(?:\\.gz)?$");
    private static final Comparator<LogFile> OLDEST_FIRST = Comparator.comparingLong(LogFile::mtime)
            .thenComparing(Comparator.comparingInt(LogFile::rotation).reversed())
            .thenComparing(LogFile::name);

    private LogFiles() {
    }

    static List<LogFile> find(String pathOrGlob, String fileGlob) {
        List<LogFile> files = new ArrayList<>();
        try {
            Path base;
            List<Path> paths;
            if (isGlob(pathOrGlob)) {
                String absolute = Path.of("").toAbsolutePath().resolve(pathOrGlob).toString();
                base = globBase(absolute);
                paths = globbed(base, absolute);
            } else {
                Path p = Path.of(pathOrGlob).toAbsolutePath().normalize();
                if (Files.isDirectory(p)) {
                    base = p;
                    PathMatcher names = FileSystems.getDefault().getPathMatcher("glob:" + fileGlob);
                    try (Stream<Path> s = Files.list(p)) {
                        paths = s.filter(f -> names.matches(f.getFileName())).sorted().toList();
                    }
                } else if (Files.isRegularFile(p)) {
                    base = p.getParent();
                    paths = List.of(p);
                } else {
                    throw new InvalidParameterException(WeblogSettings.PATH_KEY, "'" + p
                            + "' is neither a directory, a file nor a glob");
                }
            }
            for (Path p : paths) {
                LogFile f = describe(base, p);
                if (f != null) {
                    files.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the access logs at " + pathOrGlob + ": " + e.getMessage(), e);
        }
        files.sort(OLDEST_FIRST);
        return files;
    }

    /**
     * For a folder without logs: the subfolders that hold some ({@code generate --out X} writes {@code X/access/},
     * and pointing at {@code X} is the natural mistake), as "; its subfolder access holds 3: set ... to X/access".
     */
    static String subfolderHint(String pathOrGlob, String fileGlob) {
        Path p = Path.of(pathOrGlob).toAbsolutePath().normalize();
        if (isGlob(pathOrGlob) || !Files.isDirectory(p)) {
            return "";
        }
        StringBuilder hint = new StringBuilder();
        try (Stream<Path> children = Files.list(p)) {
            for (Path sub : children.filter(Files::isDirectory).sorted().toList()) {
                int logs = find(sub.toString(), fileGlob).size();
                if (logs > 0) {
                    hint.append(hint.length() == 0 ? "; " : ", ").append("its subfolder ").append(sub.getFileName())
                            .append(" holds ").append(logs).append(" (set ").append(WeblogSettings.PATH_KEY)
                            .append(" to ").append(sub).append(')');
                }
            }
        } catch (IOException e) {
            return "";
        }
        return hint.toString();
    }

    static boolean isGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The directories before the first segment with a glob character. */
    private static Path globBase(String absoluteGlob) {
        Path base = Path.of("/");
        for (String segment : absoluteGlob.split("/")) {
            if (isGlob(segment)) {
                break;
            }
            if (!segment.isEmpty()) {
                base = base.resolve(segment);
            }
        }
        return base;
    }

    private static List<Path> globbed(Path base, String absoluteGlob) throws IOException {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        String rest = absoluteGlob.substring(Math.min(absoluteGlob.length(), base.toString().length() + 1));
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absoluteGlob);
        try (Stream<Path> s = Files.walk(base, depth)) {
            return s.filter(matcher::matches).sorted().toList();
        }
    }

    /** Null for anything that is not a readable regular file any more (it may vanish while we look). */
    private static LogFile describe(Path base, Path p) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (!a.isRegularFile() || p.getFileName().toString().startsWith(".")) {
                return null;
            }
            Object key = a.fileKey();
            boolean gzip = isGzip(p);
            byte[] head = gzip ? gzipHead(p) : plainHead(p, a.size());
            Matcher m = ROTATION.matcher(p.getFileName().toString());
            int rotation = m.find() ? Integer.parseInt(m.group(1)) : 0;
            return new LogFile(p, base.relativize(p).toString(), key == null ? null : key.toString(),
                    a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size(), gzip, rotation, head);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static boolean isGzip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    private static byte[] plainHead(Path p, long size) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes((int) Math.min(HEAD_BYTES, size));
        }
    }

    /** What can be decompressed of the first bytes, even from a file still being compressed. */
    private static byte[] gzipHead(Path p) throws IOException {
        byte[] head = new byte[HEAD_BYTES];
        int n = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            int r;
            while (n < HEAD_BYTES && (r = in.read(head, n, HEAD_BYTES - n)) > 0) {
                n += r;
            }
        } catch (EOFException | ZipException e) {
            // keep what was decompressed before the cut
        }
        return Arrays.copyOf(head, n);
    }
}
