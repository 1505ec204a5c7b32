package dev.ninbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.ModelOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first convolution's weight and bias gradients (built from strided copies of the image, OpStage.ConvRelu)
 * against libnd4j's own conv2d_bp, on geometries that take each way in: the image viewed as whole blocks, cropped to
 * whole blocks, zero-padded to whole blocks, and padded. The PyTorch parity tests cover only whole blocks (sides 32
 * and 68).
 */
class FirstLayerGradientTest {
    @BeforeAll
    static void startNd4j() {
        Nd4jRuntime.start("dl4j", new ModelOptions(0.1, 1, 1, Device.CPU));
    }

    @ParameterizedTest(name = "side {0}, kernel {1}, stride {2}, padding {3}")
    @CsvSource({
        "32, 5, 2, 0",  // whole blocks: the image is viewed, not copied
        "35, 11, 4, 0", // 9 blocks of 4 cover 33 rows needed of 35: cropped
        "31, 5, 2, 0",  // 16 blocks of 2 need 32 rows: zero-padded
        "12, 3, 1, 1",  // padding
    })
    void matchesConv2dBp(int side, int kernel, int stride, int padding) {
        Nd4j.getRandom().setSeed(side * 31L + kernel);
        int n = 3;
        int channels = 4;
        INDArray in = Nd4j.rand(DataType.FLOAT, n, side, side, 1);
        INDArray weight = Nd4j.rand(DataType.FLOAT, channels, 1, kernel, kernel).subi(0.5);
        INDArray bias = Nd4j.rand(DataType.FLOAT, channels).subi(0.5);
        INDArray gradWeight = Nd4j.create(DataType.FLOAT, weight.shape());
        INDArray gradBias = Nd4j.create(DataType.FLOAT, bias.shape());
        try (OpStage.ConvRelu stage = new OpStage.ConvRelu(in, null, weight, bias, gradWeight, gradBias, kernel,
                stride, padding)) {
            stage.forward(true);
            stage.gradOut.assign(Nd4j.rand(DataType.FLOAT, stage.gradOut.shape()).subi(0.5));
            stage.backward(); // leaves gradOut times ReLU's mask in gradOut: what conv2d_bp is given below
            INDArray expectedWeight = Nd4j.create(DataType.FLOAT, weight.shape());
            INDArray expectedBias = Nd4j.create(DataType.FLOAT, bias.shape());
            try (LibNd4jOp reference = new LibNd4jOp("conv2d_bp", new INDArray[] {in, weight, bias, stage.gradOut},
                    new INDArray[] {Nd4j.create(DataType.FLOAT, in.shape()), expectedWeight, expectedBias},
                    new long[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 1, 1}, new double[0])) {
                reference.run();
            }
            assertClose(expectedWeight, gradWeight, "weight gradient");
            assertClose(expectedBias, gradBias, "bias gradient");
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = expected.amaxNumber().doubleValue();
        double error = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(scale > 0.1, what + " is all but zero: the check would be empty");
        assertTrue(error <= 1e-5 * scale + 1e-6, what + ": max |difference| " + error + " of max " + scale);
    }
}
