package dev.tributary.sim.scenario;
import dev.tributary.sim.format.ScenarioException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example scenarios bundled on the class path under {@code /scenarios/}, listed in
 * {@code /scenarios/INDEX} (one relative path per line; a test keeps it in step with the folder).
 */
public final class Examples {

    /** One bundled example: its name (path without extension) and its scenario's title. */
    public record Example(String name, String resource, String title) {
    }

    private Examples() {
    }

    /** Every bundled example, in index order. */
    public static List<Example> list() throws ScenarioException {
        List<Example> out = new ArrayList<>();
        for (String path : index()) {
            String name = path.replaceAll("\\.(ya?ml|json)$", "");
            Scenario s = ScenarioReader.readResource("/scenarios/" + path);
            out.add(new Example(name, "/scenarios/" + path, s.name()));
        }
        return out;
    }

    /** The relative paths listed in the index. */
    public static List<String> index() {
        try (InputStream in = Examples.class.getResourceAsStream("/scenarios/INDEX")) {
            if (in == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Loads the example called {@code name} (e.g. {@code basics/mmc-queue}). */
    public static Scenario load(String name) throws ScenarioException {
        return ScenarioReader.readResource(resource(name));
    }

    /** The class-path resource of the example called {@code name}, or a located error saying there is none. */
    public static String resource(String name) throws ScenarioException {
        for (String path : index()) {
            if (path.equals(name) || path.replaceAll("\\.(ya?ml|json)$", "").equals(name)) {
                return "/scenarios/" + path;
            }
        }
        throw new ScenarioException(new ScenarioException.Problem("example:" + name, 0, 0, null,
                "no bundled example of that name; 'tributary examples' lists them"));
    }
}
