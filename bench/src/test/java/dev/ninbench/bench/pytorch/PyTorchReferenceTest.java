package dev.ninbench.bench.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the PyTorch row says when the python given cannot give it torch: the right reason, not a guess. */
class PyTorchReferenceTest {
    @Test
    void aProgramThatIsNoPythonIsNotToldToInstallTorch() {
        String why = new PyTorchReference("/bin/false").torch().unavailable();
        assertEquals("/bin/false is not a working python (exit status 1, no output); --python takes a python 3 that "
                + "imports torch", why);
    }

    @Test
    void aMissingProgramIsNamed() {
        String why = new PyTorchReference("/no/such/python3").torch().unavailable();
        assertTrue(why.startsWith("no /no/such/python3 ("), why);
    }
}
