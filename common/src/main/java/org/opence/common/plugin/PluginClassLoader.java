package org.opence.common.plugin;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * The class loader of one plugin jar: the plugin API and the JDK come from the platform, everything
 * else from the jar first. So two plugins can bundle different versions of the same library, and a
 * plugin's libraries never clash with the platform's.
 */
final class PluginClassLoader extends URLClassLoader {

    private static final String[] SHARED = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "org.opence.plugin.api."};

    static {
        ClassLoader.registerAsParallelCapable();
    }

    PluginClassLoader(String name, URL jar, ClassLoader platform) {
        super(name, new URL[] {jar}, platform);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (shared(name)) {
                    loaded = getParent().loadClass(name);
                } else {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notInJar) {
                        loaded = getParent().loadClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws java.io.IOException {
        // service files: only the jar's own, so a plugin never sees the platform's or another plugin's
        return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
    }

    private static boolean shared(String name) {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
