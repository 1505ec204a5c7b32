package dev.ninbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.doctree.BlockTagTree;
import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.StartElementTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTreeScanner;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javadoc faults that javac's doclint (on in the build: the parent pom) only warns about or lets pass, in every
 * module's main and test sources: a {@code @param} given twice, and a paragraph after a block tag, which javadoc
 * then prints as part of that tag's text.
 */
class JavadocFormatTest {
    /** A blank line, then more text: a new paragraph. */
    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n\\s*\\S");

    @Test
    void everyModulesJavadocHasNoDuplicatedParamAndNoParagraphAfterABlockTag() throws IOException {
        // the tests run in core/; its parent holds every module
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path src : modules.map(m -> m.resolve("src")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(src)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        assertTrue(sources.size() > 100, "found only " + sources.size() + " sources under " + root);
        List<String> faults = faults(sources);
        assertTrue(faults.isEmpty(), "javadoc faults:\n" + String.join("\n", faults));
    }

    @Test
    void findsEachFault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("Faulty.java");
        Files.writeString(file, """
                /** Faulty. */
                class Faulty {
                    /**
                     * Does f.
                     *
                     * @param a the a
                     * @param a the a again
                     * <p>A paragraph after the tags.
                     * @return b
                     *
                     * Another one.
                     */
                    int f(int a) {
                        return a;
                    }

                    /**
                     * Fine.
                     *
                     * <p>A paragraph before the tags.
                     *
                     * @param a the a, on
                     *     two lines
                     * @return a
                     */
                    int g(int a) {
                        return a;
                    }
                }
                """);
        assertEquals(List.of(
                file + ":7: @param a is given twice",
                file + ":8: a paragraph after @param: move it above the block tags",
                file + ":11: a paragraph after @return: move it above the block tags"), faults(List.of(file)));
    }

    private static List<String> faults(List<Path> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> faults = new ArrayList<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null, units);
            DocTrees trees = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void scan(Tree tree, Void unused) {
                        if (tree != null) {
                            TreePath path = new TreePath(getCurrentPath(), tree);
                            DocCommentTree comment = trees.getDocCommentTree(path);
                            if (comment != null) {
                                check(trees, unit, comment, faults);
                            }
                        }
                        return super.scan(tree, unused);
                    }
                }.scan(unit, null);
            }
        }
        return faults;
    }

    private static void check(DocTrees trees, CompilationUnitTree unit, DocCommentTree comment, List<String> faults) {
        Set<String> params = new HashSet<>();
        for (DocTree tag : comment.getBlockTags()) {
            if (tag instanceof ParamTree param
                    && !params.add((param.isTypeParameter() ? "<" : "") + param.getName().getName())) {
                faults.add(where(trees, unit, comment, tag, 0) + ": @param " + param.getName() + " is given twice");
            }
            String name = "@" + ((BlockTagTree) tag).getTagName();
            new DocTreeScanner<Void, Void>() {
                @Override
                public Void visitStartElement(StartElementTree node, Void unused) {
                    if (node.getName().toString().equalsIgnoreCase("p")) {
                        paragraph(node, 0);
                    }
                    return null;
                }

                @Override
                public Void visitText(TextTree node, Void unused) {
                    Matcher blankLine = PARAGRAPH.matcher(node.getBody());
                    if (blankLine.find()) {
                        String before = node.getBody().substring(0, blankLine.end());
                        paragraph(node, (int) before.chars().filter(c -> c == '\n').count());
                    }
                    return null;
                }

                private void paragraph(DocTree node, int linesBelow) {
                    faults.add(where(trees, unit, comment, node, linesBelow) + ": a paragraph after " + name
                            + ": move it above the block tags");
                }
            }.scan(tag, null);
        }
    }

    private static String where(DocTrees trees, CompilationUnitTree unit, DocCommentTree comment, DocTree node,
            int linesBelow) {
        long position = trees.getSourcePositions().getStartPosition(unit, comment, node);
        return unit.getSourceFile().getName() + ":" + (unit.getLineMap().getLineNumber(position) + linesBelow);
    }
}
