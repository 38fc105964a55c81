/**
 * The quickstart's module. Requiring {@code dev.twine.reactor} is enough: the backends are services of
 * that module, and the module system binds every backend module it finds on the module path.
 */
module com.example.quickstart {
    requires dev.twine.reactor;

    exports com.example.quickstart;
}
