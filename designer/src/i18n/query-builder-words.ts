import { defaultOperators, type FullOperator, type Translations } from 'react-querybuilder';
import { i18n } from './i18n.ts';

type Translate = (key: string) => string;
const t: Translate = (key) => i18n.t(`queryBuilder.${key}` as never);

/** The rule builder's own buttons and titles in the reader's language. */
export function queryBuilderTranslations(): Partial<Translations> {
  return {
    addRule: { label: t('addRule'), title: t('addRuleTitle') },
    addGroup: { label: t('addGroup'), title: t('addGroupTitle') },
    removeRule: { label: '⨯', title: t('removeRuleTitle') },
    removeGroup: { label: '⨯', title: t('removeGroupTitle') },
    combinators: { title: t('combinatorTitle') },
    fields: { title: t('fieldTitle') },
    operators: { title: t('operatorTitle') },
    value: { title: t('valueTitle') },
    notToggle: { label: t('notToggle'), title: t('notToggle') },
  };
}

/** and / or by the same names the conversion reads; only what people see changes. */
export function queryBuilderCombinators() {
  return [
    { name: 'and', value: 'and', label: t('and') },
    { name: 'or', value: 'or', label: t('or') },
  ];
}

/** The library's operators with their words translated; symbols (=, <) stay as they are. */
export function queryBuilderOperators(): FullOperator[] {
  return defaultOperators.map((operator) => {
    const key = `queryBuilder.operators.${operator.name}`;
    return i18n.exists(key) ? { ...operator, label: i18n.t(key as never) } : { ...operator };
  }) as FullOperator[];
}
