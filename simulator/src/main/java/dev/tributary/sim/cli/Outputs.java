package dev.tributary.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes text to a file, or to standard output for "-". */
final class Outputs {

    private Outputs() {
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
            Files.writeString(p, text, StandardCharsets.UTF_8);
        }
    }
}
