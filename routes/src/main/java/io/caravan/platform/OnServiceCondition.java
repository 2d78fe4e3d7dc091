package io.caravan.platform;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
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
        return selectedServices(Binder.get(context.getEnvironment())).contains(service);
    }

    static java.util.Set<CaravanService> selectedServices(Binder binder) {
        List<String> names = binder.bind("caravan.services", Bindable.listOf(String.class))
                .orElse(List.of(CaravanService.ALL));
        return CaravanService.parse(names);
    }
}
