package dev.ws.boot.autoconfigure;

import dev.ws.handler.WsHandler;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Makes {@link WsHandler} classes beans without {@code @Component}: scans the auto-configuration
 * packages (those of the {@code @SpringBootApplication} class) for them, like Boot does for
 * {@code @ConfigurationPropertiesScan}. A class that is a bean already (scanned as a component,
 * or returned by a {@code @Bean} method) is left alone. Like {@code @SpringBootApplication}'s
 * component scan it honours {@link TypeExcludeFilter} beans, so a test slice that leaves a handler
 * out ({@code @WsTest(handlers = ...)}) leaves it out here too.
 */
class WsHandlerScanRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware,
        ResourceLoaderAware {

    private BeanFactory beanFactory;
    private Environment environment;
    private ResourceLoader resourceLoader;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (!AutoConfigurationPackages.has(beanFactory)) {
            return;
        }
        List<String> packages = AutoConfigurationPackages.get(beanFactory);
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                environment);
        scanner.setResourceLoader(resourceLoader);
        scanner.addIncludeFilter(new AnnotationTypeFilter(WsHandler.class));
        TypeExcludeFilter slices = new TypeExcludeFilter(); // delegates to the TypeExcludeFilter beans
        slices.setBeanFactory(beanFactory);
        scanner.addExcludeFilter(slices);
        AnnotationBeanNameGenerator names = AnnotationBeanNameGenerator.INSTANCE;
        for (String pkg : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                if (!isBeanAlready(candidate.getBeanClassName(), registry)) {
                    registry.registerBeanDefinition(names.generateBeanName(candidate, registry), candidate);
                }
            }
        }
    }

    private boolean isBeanAlready(String className, BeanDefinitionRegistry registry) {
        for (String name : registry.getBeanDefinitionNames()) {
            if (className.equals(registry.getBeanDefinition(name).getBeanClassName())) {
                return true;
            }
        }
        if (beanFactory instanceof ListableBeanFactory lbf && ClassUtils.isPresent(className, null)) {
            Class<?> type = ClassUtils.resolveClassName(className, null);
            return lbf.getBeanNamesForType(type, true, false).length > 0;
        }
        return false;
    }
}
