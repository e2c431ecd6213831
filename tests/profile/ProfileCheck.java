import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWL2RLProfile;
import org.semanticweb.owlapi.profiles.OWLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/**
 * Checks RDF files against the OWL 2 DL and OWL 2 RL profiles with the OWL API's profile
 * checkers (OWL 2 Structural Specification sections 3-5 and 11; OWL 2 Profiles section 4).
 *
 * Each file is loaded on its own, without imports. One tab-separated line per finding:
 *   FILE  DL|RL  ViolationClass  text   a profile violation
 *   FILE  PARSE  guessed         text   a term the parser had to guess a declaration for
 *   FILE  PARSE  unparsed        text   a triple that maps to no OWL 2 axiom
 * Exit code 0 when no file has a finding, 1 otherwise.
 */
public final class ProfileCheck {
    private ProfileCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ProfileCheck FILE...");
            System.exit(2);
        }
        List<String> lines = new ArrayList<>();
        for (String file : args) {
            check(file, lines);
        }
        lines.forEach(System.out::println);
        System.exit(lines.isEmpty() ? 0 : 1);
    }

    private static void check(String file, List<String> lines) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
            .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(
            new FileDocumentSource(new File(file)), config);
        List<String> found = new ArrayList<>();
        OWLDocumentFormat format = manager.getOntologyFormat(ontology);
        if (format != null) {
            format.getOntologyLoaderMetaData().ifPresent(meta -> {
                meta.getGuessedDeclarations().forEach((iri, kind) ->
                    found.add("PARSE\tguessed\t" + iri + " " + kind.getSimpleName()));
                meta.getUnparsedTriples().forEach(triple ->
                    found.add("PARSE\tunparsed\t" + triple));
            });
        }
        report("DL", new OWL2DLProfile(), ontology, found);
        report("RL", new OWL2RLProfile(), ontology, found);
        found.stream().sorted().forEach(line -> lines.add(file + "\t" + line));
    }

    private static void report(String name, OWLProfile profile, OWLOntology ontology, List<String> found) {
        for (OWLProfileViolation violation : profile.checkOntology(ontology).getViolations()) {
            String text = violation.toString().replaceAll("\\s+", " ");
            found.add(name + "\t" + violation.getClass().getSimpleName() + "\t" + text);
        }
    }
}
