package io.caravan.platform;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code caravan.services} selects one of the services named by {@link ConditionalOnService}. */
class OnServiceCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        CaravanService[] services = (CaravanService[]) metadata
                .getAnnotationAttributes(ConditionalOnService.class.getName()).get("value");
        java.util.Set<CaravanService> selected = CaravanService.selected(Binder.get(context.getEnvironment()));
        return java.util.Arrays.stream(services).anyMatch(selected::contains);
    }
}
