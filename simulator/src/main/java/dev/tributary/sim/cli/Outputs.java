package dev.tributary.sim.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes text to a file, or to standard output for "-". */
final class Outputs {

    private Outputs() {
    }

    /**
     * Fails now (exit 2), before anything is simulated, if {@code target} given to {@code option} cannot
     * be written: a directory, a missing directory, no permission. The file is opened for appending and
     * closed again, so an existing file is left as it was and a new one is removed.
     */
    static void checkWritable(String option, String target) {
        if (target == null || target.equals("-")) {
            return;
        }
        if (target.isBlank()) {
            throw new InvalidInputException(option + ": expected a file name (or - for standard output); got an empty one");
        }
        Path p;
        try {
            p = Path.of(target);
        } catch (InvalidPathException e) {
            throw new InvalidInputException(option + ": '" + target + "' is not a file name this system accepts ("
                    + e.getReason() + ")");
        }
        if (Files.isDirectory(p)) {
            throw new InvalidInputException(option + ": " + target + " is a directory; expected a file name to write");
        }
        boolean existed = Files.exists(p);
        try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.flush();
        } catch (IOException e) {
            throw new InvalidInputException(option + ": cannot write " + target + ": " + reason(p, e));
        } finally {
            if (!existed) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // it will be written over later
                }
            }
        }
    }

    /** Why {@code e} stopped a write to {@code p}, in words. */
    static String reason(Path p, IOException e) {
        Path parent = p.toAbsolutePath().getParent();
        if (e instanceof NoSuchFileException) {
            return parent != null && !Files.isDirectory(parent) ? "the directory " + parent + " does not exist"
                    : "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void write(String target, String text, PrintWriter out) throws IOException {
        if (target.equals("-")) {
            out.print(text);
            out.flush();
        } else {
            Path p = Path.of(target);
            if (Files.isDirectory(p)) {
                throw new InvalidInputException(target + " is a directory; expected a file name to write");
            }
            try {
                Files.writeString(p, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInputException("cannot write " + target + ": " + reason(p, e));
            }
        }
    }
}
