// Back/forward history of the folders one window visited (pure, so it is tested apart from the UI).

export class History {
  private stack: string[];
  private index = 0;

  constructor(start: string) {
    this.stack = [start];
  }

  get current(): string {
    return this.stack[this.index]!;
  }

  get canBack(): boolean {
    return this.index > 0;
  }

  get canForward(): boolean {
    return this.index < this.stack.length - 1;
  }

  /** Going somewhere new drops the forward entries; the same place twice is one entry. */
  push(location: string): void {
    if (location === this.current) return;
    this.stack = this.stack.slice(0, this.index + 1);
    this.stack.push(location);
    if (this.stack.length > 100) this.stack.shift();
    this.index = this.stack.length - 1;
  }

  back(): string {
    if (this.canBack) this.index--;
    return this.current;
  }

  forward(): string {
    if (this.canForward) this.index++;
    return this.current;
  }
}
