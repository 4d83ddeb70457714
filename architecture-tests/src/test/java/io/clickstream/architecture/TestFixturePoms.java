package io.clickstream.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the reactor's poms for the rule "test fixtures are never on a production module's compile scope": a
 * dependency on the {@code testing} module or on any test-jar must be test-scoped, except in the modules that are
 * test or measuring code themselves.
 */
final class TestFixturePoms {
    /** Not production: the fixtures themselves, these rules, and the benchmarks (which build a synthetic model). */
    static final Set<String> NOT_PRODUCTION = Set.of("testing", "architecture-tests", "bench");
    private static final String OUR_GROUP = "io.clickstream";
    private static final String FIXTURES_ARTIFACT = "testing";

    private TestFixturePoms() {
    }

    /** Every production module's fixture dependency that is not test-scoped, as {@code module -> artifact (scope)}. */
    static List<String> fixturesOutsideTestScope(Path reactorRoot) {
        List<String> found = new ArrayList<>();
        for (Path pom : modulePoms(reactorRoot)) {
            Element project = parse(pom);
            String module = childText(project, "artifactId");
            if (!NOT_PRODUCTION.contains(module)) {
                found.addAll(fixturesOutsideTestScope(module, project));
            }
        }
        return found;
    }

    static List<String> fixturesOutsideTestScope(String module, Element project) {
        List<String> found = new ArrayList<>();
        for (Element dependency : dependencies(project)) {
            boolean fixture = OUR_GROUP.equals(childText(dependency, "groupId"))
                    && (FIXTURES_ARTIFACT.equals(childText(dependency, "artifactId"))
                    || "test-jar".equals(childText(dependency, "type")));
            String scope = childText(dependency, "scope");
            if (fixture && !"test".equals(scope)) {
                found.add(module + " -> " + childText(dependency, "artifactId") + " ("
                        + (scope.isEmpty() ? "compile" : scope) + ")");
            }
        }
        return found;
    }

    static List<Path> modulePoms(Path reactorRoot) {
        List<Path> poms = new ArrayList<>();
        Element modules = child(parse(reactorRoot.resolve("pom.xml")), "modules");
        for (Element module : children(modules, "module")) {
            poms.add(reactorRoot.resolve(module.getTextContent().trim()).resolve("pom.xml"));
        }
        return poms;
    }

    static Element parse(InputStream xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(xml).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("not a pom: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element parse(Path pom) {
        try (InputStream in = Files.newInputStream(pom)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's own dependencies, not its dependency management. */
    private static List<Element> dependencies(Element project) {
        Element dependencies = child(project, "dependencies");
        return dependencies == null ? List.of() : children(dependencies, "dependency");
    }

    private static String childText(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? "" : child.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                found.add(e);
            }
        }
        return found;
    }
}
