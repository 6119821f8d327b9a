package org.ilsafety.common.knowledge;

/**
 * One loaded knowledge-base document: its typed content, the version its authors declared, and a hash
 * of the exact bytes, so a decision names the knowledge that produced it even after a local edit.
 */
public record Knowledge<T>(T content, String name, String declaredVersion, String sha256, String location) {

    /** The version string every decision records, for example {@code 2026.11.0+3f2a9c1d}. */
    public String version() {
        return declaredVersion + "+" + sha256.substring(0, 8);
    }
}
