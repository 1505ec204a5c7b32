package dev.ninbench.core.engine;

/**
 * An engine was asked for a device it cannot compute on here: a GPU with the CPU natives, a GPU index that does not
 * exist, or the CPU with a GPU-only build. The message names the engine, the device and why, in one line.
 */
public final class UnsupportedDeviceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedDeviceException(String engine, Device device, String why) {
        super(engine + " cannot compute on " + device + ": " + why);
    }
}
