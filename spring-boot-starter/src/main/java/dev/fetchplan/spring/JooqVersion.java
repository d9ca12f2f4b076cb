package dev.fetchplan.spring;

/** The jOOQ fetchplan is built on: Spring Boot 4.0 manages an older one, which an application must raise. */
final class JooqVersion {

    static final int MAJOR = 3;
    static final int MINOR = 21;

    private JooqVersion() {
    }

    /**
     * The version of the jOOQ on the class path. Read reflectively: {@code Constants.VERSION} is a compile-time constant,
     * which javac would copy into this class as the version fetchplan was compiled against.
     */
    static String installed() {
        try {
            return (String) Class.forName("org.jooq.Constants").getField("VERSION").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read jOOQ's version (org.jooq.Constants.VERSION): " + e, e);
        }
    }

    /** Fails with what to change unless {@code version} (jOOQ's {@code Constants.VERSION}) is 3.21 or newer. */
    static void check(String version) {
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        if (major < MAJOR || major == MAJOR && minor < MINOR) {
            throw new IllegalStateException("fetchplan needs jOOQ " + MAJOR + "." + MINOR + " or newer but the application has "
                    + version + " (Spring Boot 4.0 manages 3.19); set the Maven property jooq.version to 3.21.9 (Gradle: "
                    + "ext['jooq.version'])");
        }
    }
}
