package io.caravan.platform;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the service named by {@link ConditionalOnService} is in {@code caravan.services}. */
class OnServiceCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        CaravanService service = (CaravanService) metadata
                .getAnnotationAttributes(ConditionalOnService.class.getName()).get("value");
        return CaravanService.selected(Binder.get(context.getEnvironment())).contains(service);
    }
}
