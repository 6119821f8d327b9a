package org.ilsafety.interaction.knowledge;

import java.util.Locale;
import java.util.regex.Pattern;

/** The shapes of the codes the check accepts, and their comparison keys. */
public final class CodeFormats {
    public static final String CVX_SYSTEM = "http://hl7.org/fhir/sid/cvx";
    private static final Pattern RXNORM = Pattern.compile("\\d{1,10}");
    private static final Pattern ATC = Pattern.compile("[A-Z](\\d{2}([A-Z]([A-Z](\\d{2})?)?)?)?");
    private static final Pattern CVX = Pattern.compile("\\d{1,3}");

    private CodeFormats() {
    }

    public static boolean isRxnorm(String code) {
        return code != null && RXNORM.matcher(code.trim()).matches();
    }

    public static boolean isAtc(String code) {
        return code != null && ATC.matcher(code.trim().toUpperCase(Locale.ROOT)).matches();
    }

    public static boolean isCvx(String code) {
        return code != null && CVX.matcher(code.trim()).matches();
    }

    /** "03" and "3" are the same CVX code. */
    public static String cvxKey(String code) {
        return code.trim().replaceFirst("^0+(?=\\d)", "");
    }

    public static String atcKey(String code) {
        return code.trim().toUpperCase(Locale.ROOT);
    }
}
