package dev.ninbench.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void chainsCausesOnOneLineNamingForeignExceptionClasses() {
        Throwable t = new IllegalStateException("TensorFlow cannot start",
                new UnsatisfiedLinkError("no jnitensorflow in\njava.library.path"));
        assertEquals("TensorFlow cannot start <- UnsatisfiedLinkError: no jnitensorflow in java.library.path",
                Failures.oneLine(t));
        assertEquals("OutOfMemoryError: Java heap space", Failures.oneLine(new OutOfMemoryError("Java heap space")));
        assertEquals("NullPointerException", Failures.oneLine(new NullPointerException()));
    }

    @Test
    void mavenVersionReadsJarMetadataOrSaysUnknown() {
        String jackson = Failures.mavenVersion(com.fasterxml.jackson.databind.ObjectMapper.class,
                "com.fasterxml.jackson.core", "jackson-databind");
        assertEquals(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(), jackson);
        assertEquals("?", Failures.mavenVersion(FailuresTest.class, "no.such", "artifact"));
    }
}
