export * from './policy';
export * from './value-activity';
