/**
 * Twine's Panama binding ({@code java.lang.foreign}, compiled for JDK 22): provides
 * {@link dev.twine.nativeio.binding.NativeBinding} to {@code dev.twine.nativeio}, which chooses it
 * on JDK 22+. Grant it native access with {@code --enable-native-access=dev.twine.nativeio.panama}
 * on the module path.
 */
module dev.twine.nativeio.panama {
    requires dev.twine.nativeio;

    exports dev.twine.nativeio.panama;

    provides dev.twine.nativeio.binding.NativeBinding with dev.twine.nativeio.panama.PanamaBinding;
}
