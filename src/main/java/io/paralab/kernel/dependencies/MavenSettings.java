package io.paralab.kernel.dependencies;

import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Maven's {@code settings.xml} says about resolving: the local repository, offline mode, mirrors, proxies,
 * server credentials and the repositories of active profiles. Read as Maven reads it: the user's
 * {@code ~/.m2/settings.xml} over the installation's {@code $MAVEN_HOME/conf/settings.xml}; the system property
 * {@code maven.repo.local} overrides the local repository. Encrypted passwords are not decrypted.
 *
 * <pre>{@code
 * MavenSettings settings = MavenSettings.load(System.getenv());
 * Path local = settings.localRepository();
 * }</pre>
 */
final class MavenSettings {

    private final Settings settings;
    private final Path localRepository;

    private MavenSettings(Settings settings, Path localRepository) {
        this.settings = settings;
        this.localRepository = localRepository;
    }

    /**
     * Reads the settings files that exist (none is fine).
     *
     * @throws ResolutionException naming the settings file and its problem when one cannot be read
     */
    static MavenSettings load(Map<String, String> env) {
        Path userSettings = Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(userSettings.toFile());
        String mavenHome = env.getOrDefault("MAVEN_HOME", env.get("M2_HOME"));
        if (mavenHome != null && !mavenHome.isBlank()) {
            request.setGlobalSettingsFile(new File(mavenHome, "conf/settings.xml"));
        }
        request.setSystemProperties(System.getProperties());
        Settings settings;
        try {
            settings = new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            throw new ResolutionException("cannot read Maven's settings (" + userSettings + "): " + e.getMessage());
        }
        String local = System.getProperty("maven.repo.local");
        if (local == null || local.isBlank()) {
            local = settings.getLocalRepository();
        }
        Path localRepository = local == null || local.isBlank()
                ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : Path.of(local.replace("${user.home}", System.getProperty("user.home")));
        return new MavenSettings(settings, localRepository.toAbsolutePath());
    }

    /** Where downloaded artifacts are kept, and looked for first. */
    Path localRepository() {
        return localRepository;
    }

    /** Whether {@code settings.xml} says {@code <offline>true</offline>}. */
    boolean offline() {
        return settings.isOffline();
    }

    /** The repositories of the profiles that are active by default or listed in {@code <activeProfiles>}. */
    List<Repository> profileRepositories() {
        List<Repository> repositories = new ArrayList<>();
        for (Profile profile : settings.getProfiles()) {
            boolean active = settings.getActiveProfiles().contains(profile.getId())
                    || profile.getActivation() != null && profile.getActivation().isActiveByDefault();
            if (active) {
                profile.getRepositories().forEach(r -> repositories.add(Repository.of(r.getId(), r.getUrl())));
            }
        }
        return repositories;
    }

    MirrorSelector mirrors() {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror mirror : settings.getMirrors()) {
            selector.add(mirror.getId(), mirror.getUrl(), mirror.getLayout(), false, mirror.isBlocked(),
                    mirror.getMirrorOf(), mirror.getMirrorOfLayouts());
        }
        return selector;
    }

    ProxySelector proxies() {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (Proxy proxy : settings.getProxies()) {
            if (proxy.isActive()) {
                AuthenticationBuilder auth = new AuthenticationBuilder();
                if (proxy.getUsername() != null) {
                    auth.addUsername(proxy.getUsername()).addPassword(proxy.getPassword());
                }
                selector.add(new org.eclipse.aether.repository.Proxy(proxy.getProtocol(), proxy.getHost(),
                        proxy.getPort(), auth.build()), proxy.getNonProxyHosts());
            }
        }
        return selector;
    }

    AuthenticationSelector credentials() {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server server : settings.getServers()) {
            AuthenticationBuilder auth = new AuthenticationBuilder()
                    .addUsername(server.getUsername()).addPassword(server.getPassword());
            if (server.getPrivateKey() != null && Files.exists(Path.of(server.getPrivateKey()))) {
                auth.addPrivateKey(server.getPrivateKey(), server.getPassphrase());
            }
            selector.add(server.getId(), auth.build());
        }
        return selector;
    }
}
