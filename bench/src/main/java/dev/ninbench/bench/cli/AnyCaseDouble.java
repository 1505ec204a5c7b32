package dev.ninbench.bench.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A number option that reads "nan" and "inf" in any case as Java reads "NaN" and "Infinity", so that the suite's own
 * check of the value (e.g. "learning rate must be > 0, got NaN") answers, not the parser's "'nan' is not a double".
 */
final class AnyCaseDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        switch (v.replaceFirst("^[+-]", "")) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + value + "' is not a number");
                }
        }
    }
}
