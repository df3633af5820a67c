package io.flinkops.diag.render;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Location;
import io.flinkops.diag.Severity;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `validate --format junit`: well-formed XML in the shape the JUnit report readers take (testsuites → testsuite →
 * testcase with failure / skipped / system-out; counts on both levels), whatever the messages contain.
 */
class JunitRendererTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertShape(Document doc, int tests, int failures, int skipped) {
        Element suites = doc.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        NodeList suite = suites.getElementsByTagName("testsuite");
        assertEquals(1, suite.getLength());
        for (Element e : List.of(suites, (Element) suite.item(0))) {
            assertEquals(String.valueOf(tests), e.getAttribute("tests"));
            assertEquals(String.valueOf(failures), e.getAttribute("failures"));
            assertEquals("0", e.getAttribute("errors"));
            assertEquals(String.valueOf(skipped), e.getAttribute("skipped"));
        }
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(tests, cases.getLength());
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertTrue(!c.getAttribute("name").isEmpty() && !c.getAttribute("classname").isEmpty(), "name and classname are required");
        }
        assertEquals(failures, doc.getElementsByTagName("failure").getLength());
        assertEquals(skipped, doc.getElementsByTagName("skipped").getLength());
    }

    @Test
    void errorsAreFailuresWarningsPassAndACleanRepoIsOnePassingCase() throws Exception {
        CliRun broken = CliRun.of("validate", TestRepos.projectRoot().resolve("compiler/src/test/resources/fixtures/broken-repo").toString(), "--format", "junit");
        assertEquals(1, broken.exitCode());
        Document doc = parse(broken.out());
        assertShape(doc, 5, 5, 0);
        Element failure = (Element) doc.getElementsByTagName("failure").item(1);
        assertEquals("FO104", failure.getAttribute("type"));
        // Paths from the Git root, as CI systems link them (here the config repo is a folder of this project's repository).
        assertTrue(failure.getTextContent().contains("--> compiler/src/test/resources/fixtures/broken-repo/namespaces/team/orders.yaml:7:10"),
                failure.getTextContent());

        CliRun examples = CliRun.of("validate", TestRepos.examplesRepo().toString(), "--format", "junit");
        assertEquals(0, examples.exitCode());
        Document warnings = parse(examples.out());
        int n = warnings.getElementsByTagName("testcase").getLength();
        assertTrue(n > 0);
        assertShape(warnings, n, 0, 0);
        assertEquals(n, warnings.getElementsByTagName("system-out").getLength(), "each warning's message is kept");
    }

    @Test
    void anythingAMessageCanHoldStaysWellFormed() throws Exception {
        Diagnostic odd = new Diagnostic(Code.UNKNOWN_KIND, Severity.ERROR, new Location("namespaces/a/my job & <co>.yaml", 3, 1), "/kind",
                "`<Deployment>` & \"quotes\", a control char \u0001 and an emoji \uD83D\uDE00.", "Write kind: \"Deployment\" ]]> here.");
        Diagnostic suppressed = new Diagnostic(Code.UNKNOWN_CONFIG_KEY, Severity.WARNING, new Location("namespaces/a/x.yaml", 4, 9), "", "Unknown key.", "")
                .withSuppression(new Diagnostic.Suppression(Diagnostic.Suppression.Kind.IN_SOURCE, "read by <our> connector", new Location("namespaces/a/x.yaml", 4, 30)));
        String xml = new JunitRenderer().render(List.of(odd, suppressed), new DiagnosticRenderer.Context(DiagnosticRenderer.SourceLines.NONE, "", "test"));
        Document doc = parse(xml);
        assertShape(doc, 2, 1, 1);
        assertTrue(doc.getElementsByTagName("failure").item(0).getTextContent().contains("`<Deployment>` & \"quotes\""));
        assertEquals("suppressed: read by <our> connector", ((Element) doc.getElementsByTagName("skipped").item(0)).getAttribute("message"));
        // Same input, same bytes.
        assertEquals(xml, new JunitRenderer().render(List.of(odd, suppressed), new DiagnosticRenderer.Context(DiagnosticRenderer.SourceLines.NONE, "", "test")));
        Document clean = parse(new JunitRenderer().render(List.of(), new DiagnosticRenderer.Context(DiagnosticRenderer.SourceLines.NONE, "", "test")));
        assertShape(clean, 1, 0, 0);
    }
}
