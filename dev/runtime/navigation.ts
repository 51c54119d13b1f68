/**
 * Gmail's card stack: how a response's navigations change it. Shared by the headless client and the
 * simulator page so that both navigate exactly alike.
 */
import type { CardJson, NavigationJson } from './card-service';

export function applyNavigations(stack: CardJson[], navigations: readonly NavigationJson[]): void {
  for (const step of navigations) {
    if ('pushCard' in step) stack.push(step.pushCard);
    else if ('updateCard' in step) stack[stack.length - 1] = step.updateCard;
    else if ('popToRoot' in step) stack.length = Math.min(stack.length, 1);
    else if ('popCard' in step) {
      if (stack.length > 1) stack.pop(); // the root (homepage) card cannot be popped
    } else if ('popToCard' in step) {
      const index = stack.findIndex((card) => card.name === step.popToCard);
      if (index >= 0) stack.length = index + 1;
    }
  }
}
