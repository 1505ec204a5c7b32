package dev.ninbench.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceTest {
    @Test
    void parsesCpuGpuAndGpuN() {
        assertEquals(Device.CPU, Device.parse("cpu"));
        assertEquals(Device.CPU, Device.parse(" CPU "));
        assertEquals(Device.gpu(0), Device.parse("gpu"));
        assertEquals(Device.gpu(0), Device.parse("gpu:0"));
        assertEquals(Device.gpu(3), Device.parse("GPU:3"));
        assertEquals("gpu:3", Device.gpu(3).toString());
        assertEquals("cpu", Device.CPU.toString());
        assertTrue(Device.gpu(1).isGpu());
        assertFalse(Device.CPU.isGpu());
    }

    @Test
    void anythingElseIsAnErrorListingTheValidForms() {
        for (String bad : List.of("", "cuda", "gpu:", "gpu:-1", "gpu:x", "gpu:1:2", "tpu", "gpu:99999999999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.parse(bad), bad);
            assertEquals("unknown device '" + bad + "'; expected cpu, gpu or gpu:N (N = 0, 1, ...)", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Device.parse(null));
    }

    @Test
    void isWrittenAsItsNameInJobsAndRecords() throws Exception {
        String json = Json.MAPPER.writeValueAsString(Map.of("device", Device.gpu(2)));
        assertEquals("{\"device\":\"gpu:2\"}", json);
        assertEquals(Device.gpu(2), Json.MAPPER.readValue("\"gpu:2\"", Device.class));
        ModelOptions options = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(
                new ModelOptions(0.1, 1, 2, Device.gpu(1))), ModelOptions.class);
        assertEquals(Device.gpu(1), options.device());
    }

    @Test
    void backendInfoSeesTheDevicesItLists() {
        BackendInfo info = new BackendInfo("x", "X 1", "1", "gpu:1", true, null, Map.of(),
                List.of("cpu", "gpu:0 Some GPU, 8.0 GiB", "gpu:1 Some GPU, 8.0 GiB"));
        assertTrue(info.sees(Device.CPU));
        assertTrue(info.sees(Device.gpu(1)));
        assertFalse(info.sees(Device.gpu(2)));
        BackendInfo refused = info.unusable("x cannot compute on gpu:2: no such GPU");
        assertFalse(refused.available());
        assertEquals(info.devices(), refused.devices());
        // records written before devices were listed read back as CPU-only
        assertEquals(List.of("cpu"), new BackendInfo("x", "X 1", "1", "cpu", true, null, Map.of(), null).devices());
    }
}
