package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelProcess;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The magics through a real kernel, and the kernel options that set up a session. */
class MagicsIT {

    private static final Path GSON = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "google",
            "code", "gson", "gson", "2.13.2");

    private static KernelProcess kernel;
    private static KernelClient client;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        // A home of its own whose Maven settings are offline and point at the real local repository, so %maven
        // must work from what is cached (the build cached gson, a kernel dependency).
        home = Files.createTempDirectory("kernel-home");
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), """
                <settings>
                  <localRepository>%s</localRepository>
                  <offline>true</offline>
                </settings>
                """.formatted(Path.of(System.getProperty("user.home"), ".m2", "repository")));
        kernel = KernelProcess.builder().jvm("-Duser.home=" + home).start();
        client = kernel.client();
    }

    @AfterAll
    static void stop() throws Exception {
        kernel.close();
    }

    @Test
    void lsmagicAndHelp() throws Exception {
        String listing = client.execute("%lsmagic").stream("stdout");
        for (String name : List.of("%classpath", "%jars", "%load", "%maven", "%mavenRepo", "%time", "%timeit", "%%loadFromPOM", "%%time", "%%timeit")) {
            assertTrue(listing.contains(name), listing);
        }
        assertTrue(client.execute("%timeit?").stream("stdout").contains("-n LOOPS"));
        Execution unknown = client.execute("%nosuchmagic");
        assertEquals("MagicError", unknown.ename());
        assertTrue(unknown.traceback().contains("%lsmagic"), unknown.traceback());
    }

    @Test
    void timeAndTimeit() throws Exception {
        Execution time = client.execute("%time 6 * 7");
        assertTrue(time.stream("stdout").startsWith("CPU time: "), time.toString());
        assertTrue(time.stream("stdout").contains("\nWall time: "), time.toString());
        assertEquals("42", time.result());
        Execution cellTime = client.execute("%%time\nint timed = 5;\ntimed + 1");
        assertTrue(cellTime.stream("stdout").contains("Wall time"));
        assertEquals("6", cellTime.result());
        Execution timeit = client.execute("%timeit -n 100 -r 3 Math.sqrt(2.0)");
        assertTrue(timeit.stream("stdout").contains("per loop (mean ± std. dev. of 3 runs, 100 loops each)"), timeit.toString());
        Execution statements = client.execute("%%timeit -n 10 -r 2\nStringBuilder sb = new StringBuilder();\nsb.append(\"x\");");
        assertTrue(statements.stream("stdout").contains("of 2 runs, 10 loops each"), statements.toString());
        Execution voidCall = client.execute("%timeit -n 5 -r 1 System.getProperty(\"java.version\")");
        assertTrue(voidCall.stream("stdout").contains("per loop"), voidCall.toString());
    }

    @Test
    void loadJshellFileAndNotebook() throws Exception {
        Files.writeString(kernel.directory().resolve("helpers.jshell"), """
                int triple(int x) { return 3 * x; }
                String shout(String s) {
                    return s.toUpperCase() + "!";
                }
                """);
        assertEquals("ok", client.execute("%load helpers.jshell").status());
        assertEquals("\"HEY!\"", client.execute("shout(\"hey\")").result());
        Files.writeString(kernel.directory().resolve("broken.jshell"), "int fine = 1;\nthrow new IllegalStateException(\"in file\");\n");
        Execution broken = client.execute("%load broken.jshell");
        assertTrue(broken.traceback().contains("broken.jshell, line 2"), broken.traceback());

        Files.writeString(kernel.directory().resolve("lesson.ipynb"), """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                 "cells": [
                   {"cell_type": "markdown", "metadata": {}, "source": ["# not code"]},
                   {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                    "source": ["int fromNotebook = 7;\\n", "int doubled = fromNotebook * 2;"]},
                   {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": "doubled + triple(1)"}
                 ]}
                """);
        Execution notebook = client.execute("%load lesson.ipynb");
        assertEquals("17", notebook.result(), notebook.toString());
        assertEquals("7", client.execute("fromNotebook").result());
    }

    @Test
    void classpathAndJars() throws Exception {
        Path classes = Files.createDirectories(kernel.directory().resolve("classes"));
        compile(classes, "demo/Greeter.java", "package demo; public class Greeter { public static String hi() { return \"hi from a class dir\"; } }");
        assertEquals("ok", client.execute("%classpath " + classes).status());
        assertEquals("\"hi from a class dir\"", client.execute("demo.Greeter.hi()").result());
        assertTrue(client.execute("%classpath").stream("stdout").contains(classes.toString()));

        Path libs = Files.createDirectories(kernel.directory().resolve("libs"));
        Path jarClasses = Files.createDirectories(kernel.directory().resolve("jar-classes"));
        compile(jarClasses, "demo/Adder.java", "package demo; public class Adder { public static int add(int a, int b) { return a + b; } }");
        jar(libs.resolve("adder.jar"), jarClasses, List.of("demo/Adder.class"), null);
        Execution jars = client.execute("%jars libs/*.jar");
        assertTrue(jars.stream("stdout").contains("Added 1 jar"), jars.toString());
        assertEquals("5", client.execute("demo.Adder.add(2, 3)").result());
        assertEquals("MagicError", client.execute("%jars nothing/*.jar").ename());
    }

    @Test
    void mavenResolvesOfflineFromTheLocalRepository() throws Exception {
        assertTrue(Files.isDirectory(GSON), "the build caches gson " + GSON);
        Execution maven = client.execute("%maven com.google.code.gson:gson:2.13.2");
        assertEquals("ok", maven.status(), maven.toString());
        assertTrue(maven.stream("stdout").contains("gson-2.13.2.jar"), maven.toString());
        assertEquals("", maven.stream("stderr"), "quiet: no logging of Maven Resolver's in the cell");
        assertEquals("\"[1,2]\"", client.execute("new com.google.gson.Gson().toJson(List.of(1, 2))").result());
        Execution again = client.execute("%maven com.google.code.gson:gson:2.13.2");
        assertEquals("com.google.code.gson:gson:2.13.2 is already on the class path (gson-2.13.2.jar, "
                + "error_prone_annotations-2.41.0.jar)\n", again.stream("stdout"), again.toString());
        String property = client.execute("System.getProperty(\"java.class.path\")").result();
        assertEquals(1, property.split("gson-2.13.2.jar", -1).length - 1, "java.class.path has gson once: " + property);
        Execution missing = client.execute("%maven org.example.nothing:not-there:0.0.1");
        assertEquals("MagicError", missing.ename());
        assertTrue(missing.traceback().contains("could not resolve"), missing.traceback());
    }

    @Test
    void mavenRepoAndLoadFromPom() throws Exception {
        assertEquals("ok", client.execute("%mavenRepo example https://repo.example.org/maven2").status());
        String repos = client.execute("%mavenRepo").stream("stdout");
        assertTrue(repos.contains("central") && repos.contains("example  https://repo.example.org/maven2"), repos);
        assertEquals("MagicError", client.execute("%mavenRepo only-an-id").ename());
        Execution pom = client.execute("""
                %%loadFromPOM
                <project>
                  <properties><gson.version>2.13.2</gson.version></properties>
                  <dependencies>
                    <dependency>
                      <groupId>com.google.code.gson</groupId>
                      <artifactId>gson</artifactId>
                      <version>${gson.version}</version>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>5.0.0</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                </project>
                """);
        assertEquals("ok", pom.status(), pom.toString());
        assertEquals("", pom.stream("stderr"), "quiet: no logging of Maven Resolver's in the cell");
        assertEquals("\"{}\"", client.execute("new com.google.gson.JsonObject().toString()").result());
    }

    @Test
    void extensionsLoadFromTheClassPathAndFromAddedJars() throws Exception {
        assertEquals("hello, world\n", client.execute("%hello world").stream("stdout"));

        Path classes = Files.createDirectories(kernel.directory().resolve("ext-classes"));
        compile(classes, "ext/ByeExtension.java", """
                package ext;
                public class ByeExtension implements asyncrt.kernel.extension.KernelExtension {
                    public void load(asyncrt.kernel.extension.KernelContext context) throws Exception {
                        context.magics().line("bye", "%bye\\nSays goodbye.", (args, magic) -> {
                            System.out.println("goodbye");
                            return java.util.Optional.empty();
                        });
                        context.run("int fromExtension = 99;");
                    }
                }
                """);
        Path jar = kernel.directory().resolve("bye-extension.jar");
        jar(jar, classes, List.of("ext/ByeExtension.class"), "ext.ByeExtension");
        assertEquals("ok", client.execute("%jars " + jar).status());
        assertEquals("goodbye\n", client.execute("%bye").stream("stdout"));
        assertEquals("99", client.execute("fromExtension").result());
    }

    @Test
    void kernelOptionsSetUpTheSession() throws Exception {
        Path libs = Files.createDirectories(Files.createTempDirectory("opts").resolve("libs"));
        Path classes = Files.createDirectories(libs.getParent().resolve("classes"));
        compile(classes, "opt/Constant.java", "package opt; public class Constant { public static final int VALUE = 11; }");
        jar(libs.resolve("constant.jar"), classes, List.of("opt/Constant.class"), null);
        Path script = libs.getParent().resolve("start.jshell");
        Files.writeString(script, "int fromScript = opt.Constant.VALUE * 2;\n");
        try (KernelProcess configured = KernelProcess.builder()
                .env("ASYNCRT_KERNEL_CLASSPATH", libs + "/*.jar")
                .env("ASYNCRT_KERNEL_STARTUP_SCRIPTS_PATH", script.toString())
                .env("ASYNCRT_KERNEL_STARTUP_SCRIPT", "String fromEnv = \"env\";")
                .env("ASYNCRT_KERNEL_COMPILER_OPTS", "-parameters")
                .start()) {
            KernelClient c = configured.client();
            String classpath = c.execute("%classpath").stream("stdout");
            assertEquals("22", c.execute("fromScript").result(), () -> configured.log() + "\nclass path: " + classpath);
            assertEquals("\"env\"", c.execute("fromEnv").result());
            c.execute("class Shape { void resize(int width) { } }");
            assertEquals("\"width\"", c.execute("Shape.class.getDeclaredMethods()[0].getParameters()[0].getName()").result(),
                    "-parameters reached javac");
        }
    }

    private static void compile(Path output, String file, String source) throws Exception {
        Path sources = Files.createTempDirectory("src");
        Path path = sources.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, source);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", output.toString(),
                "-cp", String.join(java.io.File.pathSeparator, KernelProcess.testClasspath()), path.toString());
        assertEquals(0, status, "compiling " + file);
    }

    private static void jar(Path jar, Path classes, List<String> entries, String extension) throws Exception {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
                out.closeEntry();
            }
            if (extension != null) {
                out.putNextEntry(new JarEntry("META-INF/services/asyncrt.kernel.extension.KernelExtension"));
                out.write((extension + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
