package io.paralab.kernel.dependencies;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependencies and repositories a POM declares, as {@code %loadFromPOM} reads them: a whole {@code pom.xml}, or
 * (in {@code %%loadFromPOM}) a fragment of one — {@code <dependency>} and {@code <repository>} elements, their
 * {@code <dependencies>}/{@code <repositories>} lists and {@code <properties>}, in any order. {@code ${name}} in a
 * coordinate is replaced from the POM's properties and its {@code project.*} values.
 *
 * <pre>{@code
 * PomDependencies pom = PomDependencies.parseFragment("""
 *     <dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>1.0</version></dependency>
 *     """);
 * pom.coordinates();   // [org.example:lib:jar:1.0]
 * }</pre>
 *
 * @param coordinates  {@code groupId:artifactId:extension[:classifier]:version} of each dependency, in POM order
 * @param repositories the repositories the POM names, in POM order
 */
public record PomDependencies(List<String> coordinates, List<Repository> repositories) {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /**
     * Reads a {@code pom.xml}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static PomDependencies parseFile(Path pom) {
        String text;
        try {
            text = Files.readString(pom);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no POM file at '" + pom.toAbsolutePath() + "'");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the POM '" + pom.toAbsolutePath() + "': " + e.getMessage());
        }
        return fromProject(parse(text, pom.toString()).getDocumentElement(), pom.toString());
    }

    /**
     * Reads a whole POM or a fragment of one.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static PomDependencies parseFragment(String xml) {
        Element root = parse("<fragment>" + xml + "</fragment>", "the cell").getDocumentElement();
        List<Element> children = children(root);
        if (children.size() == 1 && children.get(0).getTagName().equals("project")) {
            return fromProject(children.get(0), "the cell");
        }
        return fromProject(root, "the cell");
    }

    private static PomDependencies fromProject(Element project, String where) {
        Map<String, String> properties = new HashMap<>();
        for (Element child : children(project)) {
            switch (child.getTagName()) {
                case "properties" -> children(child).forEach(p -> properties.put(p.getTagName(), text(p)));
                case "groupId", "artifactId", "version" -> properties.put("project." + child.getTagName(), text(child));
                default -> { }
            }
        }
        List<String> coordinates = new ArrayList<>();
        List<Repository> repositories = new ArrayList<>();
        for (Element child : children(project)) {
            switch (child.getTagName()) {
                case "dependency" -> coordinates.add(coordinatesOf(child, properties, where));
                case "dependencies" -> children(child, "dependency")
                        .forEach(d -> coordinates.add(coordinatesOf(d, properties, where)));
                case "repository" -> repositories.add(repositoryOf(child, properties, where));
                case "repositories" -> children(child, "repository")
                        .forEach(r -> repositories.add(repositoryOf(r, properties, where)));
                default -> { }
            }
        }
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException(where + " declares no <dependency>");
        }
        return new PomDependencies(List.copyOf(coordinates), List.copyOf(repositories));
    }

    private static String coordinatesOf(Element dependency, Map<String, String> properties, String where) {
        String groupId = required(dependency, "groupId", properties, where);
        String artifactId = required(dependency, "artifactId", properties, where);
        String version = required(dependency, "version", properties, where);
        String type = optional(dependency, "type", properties, "jar");
        String classifier = optional(dependency, "classifier", properties, "");
        if (type.equals("test-jar")) {
            type = "jar";
            classifier = classifier.isEmpty() ? "tests" : classifier;
        }
        return groupId + ":" + artifactId + ":" + type + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }

    private static Repository repositoryOf(Element repository, Map<String, String> properties, String where) {
        return Repository.of(required(repository, "id", properties, where), required(repository, "url", properties, where));
    }

    private static String required(Element parent, String tag, Map<String, String> properties, String where) {
        String value = optional(parent, tag, properties, "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(where + ": a <" + parent.getTagName() + "> has no <" + tag + ">"
                    + describe(parent, properties));
        }
        return value;
    }

    private static String optional(Element parent, String tag, Map<String, String> properties, String fallback) {
        return children(parent, tag).stream().findFirst()
                .map(e -> interpolate(text(e), properties, parent))
                .filter(v -> !v.isEmpty())
                .orElse(fallback);
    }

    private static String describe(Element parent, Map<String, String> properties) {
        List<String> known = new ArrayList<>();
        for (Element child : children(parent)) {
            known.add(child.getTagName() + "=" + text(child));
        }
        return known.isEmpty() ? "" : " (" + String.join(", ", known) + ")";
    }

    private static String interpolate(String value, Map<String, String> properties, Element in) {
        String result = value;
        for (int depth = 0; depth < 10 && result.contains("${"); depth++) {
            Matcher m = PROPERTY.matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = properties.get(m.group(1));
                if (replacement == null) {
                    throw new IllegalArgumentException("the POM uses ${" + m.group(1) + "} in a <" + in.getTagName()
                            + "> but defines no property " + m.group(1));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            result = out.toString();
        }
        return result;
    }

    private static Document parse(String xml, String where) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;                               // reported once, by the caller, not on stderr too
                }
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new IllegalArgumentException(where + " is not well-formed XML (line " + e.getLineNumber() + "): "
                    + e.getMessage());
        } catch (Exception e) {
            throw new IllegalArgumentException(where + " cannot be read as XML: " + e.getMessage());
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static List<Element> children(Element parent, String tag) {
        return children(parent).stream().filter(e -> e.getTagName().equals(tag)).toList();
    }

    private static String text(Element element) {
        return element.getTextContent().strip();
    }
}
